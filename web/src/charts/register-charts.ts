import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  type Plugin,
  PointElement,
  Tooltip,
} from 'chart.js';

/** Marks a chart's figure as drawn, for tests and the load benchmark (time until the charts are drawn). */
const drawnMarker: Plugin = {
  id: 'finsyncDrawn',
  afterRender(chart) {
    const figure = chart.canvas.closest('figure');
    if (figure && figure.dataset.drawn !== 'true') {
      figure.dataset.drawn = 'true';
      performance.mark(`finsync:chart-drawn:${figure.dataset.chart ?? 'chart'}`);
    }
  },
};

// Only what finsync draws is registered, so the rest of chart.js is left out of the bundle.
Chart.register(ArcElement, DoughnutController); // the category donut
Chart.register(BarController, BarElement, CategoryScale, LinearScale); // the cash flow bars
Chart.register(LineController, LineElement, PointElement, Filler); // trends and net worth
Chart.register(Legend, Tooltip, drawnMarker);
