export { currencyExponent } from './currency.ts';
export { type Minor, sumMinor, toDecimalString, toMinor } from './minor-units.ts';
