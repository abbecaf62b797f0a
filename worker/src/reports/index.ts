export { reportFormatter } from './format-report-values.ts';
export { type RenderedReportPdf, renderReportPdf } from './render-report-pdf.ts';
