import { createApp } from 'vue';
import App from './App.vue';
import './theme.css';

// The memory test reads this before any chart exists.
window.__streamlensCharts = 0;

createApp(App).mount('#app');
