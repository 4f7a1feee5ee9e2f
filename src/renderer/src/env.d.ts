/// <reference types="vite/client" />
import type { StreamlensApi } from '../../shared/api.ts';

declare global {
  interface Window {
    /** The API, when the Electron preload exposed it; absent in a browser. */
    streamlens?: StreamlensApi;
    /** Live chart.js instances, for the memory test: created minus destroyed. */
    __streamlensCharts?: number;
  }
}
