/** Colours distinguishable in both themes (Okabe–Ito based), with enough contrast on either background. */
const light = [
  '#0b6b57',
  '#d55e00',
  '#0072b2',
  '#cc79a7',
  '#b58900',
  '#56b4e9',
  '#7a5195',
  '#009e73',
  '#e69f00',
  '#5b6770',
];
const dark = [
  '#4cc9a8',
  '#ff9e5e',
  '#6cb6ff',
  '#f0a6ca',
  '#f2d45c',
  '#9ad9ff',
  '#c3a6ff',
  '#3fd9a0',
  '#ffc24d',
  '#aab4be',
];

export function chartPalette(theme: 'light' | 'dark'): string[] {
  return theme === 'dark' ? dark : light;
}

export function chartInk(theme: 'light' | 'dark'): { text: string; grid: string } {
  return theme === 'dark' ? { text: '#e6ebf0', grid: '#334150' } : { text: '#16202a', grid: '#d3d9e0' };
}
