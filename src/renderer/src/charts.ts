import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type DefaultDataPoint,
} from 'chart.js';

/*
 * chart.js for the dashboard: only the parts it draws, each chart counted while it lives (the
 * memory test reads `window.__streamlensCharts`), colours taken from the page's theme.
 */

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

/** Creates a chart on `canvas` and counts it as live. */
export function createChart<T extends ChartType, D = DefaultDataPoint<T>>(
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<T, D>,
): Chart<T, D> {
  const chart = new Chart(canvas, config);
  window.__streamlensCharts = (window.__streamlensCharts ?? 0) + 1;
  return chart;
}

/** Destroys a chart made by `createChart` and stops counting it. */
export function destroyChart(chart: Pick<Chart, 'destroy'>): void {
  chart.destroy();
  window.__streamlensCharts = (window.__streamlensCharts ?? 1) - 1;
}

/** The colours charts draw with, read from the CSS custom properties of the current theme. */
export interface ThemeColors {
  text: string;
  muted: string;
  grid: string;
  accent: string;
  accentSoft: string;
  rateIn: string;
  rateOut: string;
  fill: string;
  fillSoft: string;
}

/** Reads the theme's colours from `:root` (see the variables in `theme.css`). */
export function themeColors(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: read('--text'),
    muted: read('--text-muted'),
    grid: read('--chart-grid'),
    accent: read('--accent'),
    accentSoft: read('--accent-soft'),
    rateIn: read('--rate-in'),
    rateOut: read('--rate-out'),
    fill: read('--rate-fill'),
    fillSoft: read('--rate-fill-soft'),
  };
}

/** Calls `listener` when the system switches between light and dark; returns unsubscribe. */
export function onThemeChange(listener: () => void): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
