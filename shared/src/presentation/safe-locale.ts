/**
 * The locale to hand Intl: the user's when Intl accepts the tag, else the runtime's default (undefined). A
 * malformed tag in a user's settings must not stop a page or a PDF from rendering.
 */
export function safeLocale(locale: string | undefined): string | undefined {
  if (locale === undefined || locale === '') return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
