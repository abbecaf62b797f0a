import { z } from 'zod';

/** U+0000 anywhere: PostgreSQL refuses it in text and jsonb, so it never gets past the boundary. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses.
const NO_NUL = /^[^\u0000]*$/u;

/**
 * The one string schema for text a client sends (bodies, queries, params): a string without NUL characters.
 * Refusals name the field like every validation failure (`body.notes`, `querystring.q`). Chain .trim/.min/.max on it.
 */
export const text = () => z.string().regex(NO_NUL, 'must not contain NUL (U+0000) characters');
