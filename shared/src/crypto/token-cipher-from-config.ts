import { activeKid, type CommonConfig } from '../config/schemas.ts';
import { createTokenCipher, type TokenCipher } from './token-cipher.ts';

export function tokenCipherFromConfig(
  cfg: Pick<CommonConfig, 'TOKEN_ENCRYPTION_KEYS' | 'TOKEN_ENCRYPTION_ACTIVE_KID'>,
): TokenCipher {
  return createTokenCipher(cfg.TOKEN_ENCRYPTION_KEYS, activeKid(cfg));
}
