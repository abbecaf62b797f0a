export { type RotationResult, rotateTokenKeys } from './rotate-token-keys.ts';
export { createTokenCipher, type TokenCipher } from './token-cipher.ts';
export { tokenCipherFromConfig } from './token-cipher-from-config.ts';
