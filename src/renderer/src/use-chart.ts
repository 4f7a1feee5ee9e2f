import type { Chart, ChartConfiguration, ChartType, DefaultDataPoint } from 'chart.js';
import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { createChart, destroyChart, onThemeChange } from './charts.ts';

export interface ChartLifecycle<T extends ChartType, D> {
  /** The chart's configuration, built when the component mounts. */
  config(): ChartConfiguration<T, D>;
  /** Colours the chart from the theme; called at creation and on each theme switch. */
  paint(chart: Chart<T, D>): void;
  /** Called once the chart exists and is painted. */
  created?(chart: Chart<T, D>): void;
}

/**
 * A chart that lives as long as its component: created once on mount, repainted when the
 * system theme changes, destroyed (and uncounted) on unmount. Returns a getter for the chart,
 * undefined outside that span.
 */
export function useChart<T extends ChartType, D = DefaultDataPoint<T>>(
  canvas: Ref<HTMLCanvasElement | undefined>,
  lifecycle: ChartLifecycle<T, D>,
): () => Chart<T, D> | undefined {
  let chart: Chart<T, D> | undefined;
  let stopTheme = () => {};

  onMounted(() => {
    const created = createChart<T, D>(canvas.value!, lifecycle.config());
    lifecycle.paint(created);
    chart = created;
    lifecycle.created?.(created);
    stopTheme = onThemeChange(() => lifecycle.paint(created));
  });

  onBeforeUnmount(() => {
    stopTheme();
    if (chart) destroyChart(chart);
    chart = undefined;
  });

  return () => chart;
}
