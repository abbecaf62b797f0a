import {
  assumeUser,
  DomainError,
  NotFoundError,
  type OwnerDb,
  scopedTransaction,
  withUser,
} from '@finsync/shared';
import { countPasskeys } from '@finsync/shared/tables';
import { userRepository } from '@finsync/shared/users';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { ChallengeStore } from './webauthn-challenges.ts';

/** The relying party: the web app's origin, and its host name as the RP ID (passkeys are bound to it). */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function relyingPartyOf(appUrl: string): RelyingParty {
  const url = new URL(appUrl);
  return { id: url.hostname, origin: url.origin, name: 'finsync' };
}

const refused = () => new DomainError('PASSKEY_INVALID', 'the passkey answer could not be verified');

/** A WebAuthn check that throws and one that says no are the same refusal to the caller. */
async function verifiedOrRefused<R extends { verified: boolean }>(
  check: () => Promise<R>,
): Promise<R & { verified: true }> {
  let result: R;
  try {
    result = await check();
  } catch {
    throw refused();
  }
  if (!result.verified) throw refused();
  return result as R & { verified: true };
}

/**
 * Passkeys (WebAuthn, @simplewebauthn/server): registration from a signed-in browser, and passwordless sign-in
 * with a discoverable credential and user verification. Challenges are single-use and expire in 5 minutes.
 */
export function createPasskeys(deps: {
  db: OwnerDb;
  rp: RelyingParty;
  challenges: ChallengeStore;
  clock: () => Date;
}) {
  const { db, rp, challenges, clock } = deps;
  return {
    async list(userId: string) {
      const rows = await withUser(db, userId, (trx) =>
        trx
          .selectFrom('passkeys')
          .select(['id', 'name', 'created_at', 'last_used_at'])
          .where('user_id', '=', userId)
          .orderBy('created_at')
          .execute(),
      );
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        createdAt: r.created_at.toISOString(),
        lastUsedAt: r.last_used_at?.toISOString() ?? null,
      }));
    },

    /** Options for navigator.credentials.create, and the id of their challenge (for the cookie). */
    async registrationOptions(user: { id: string; email: string }) {
      const existing = await withUser(db, user.id, (trx) =>
        trx
          .selectFrom('passkeys')
          .select(['credential_id', 'transports'])
          .where('user_id', '=', user.id)
          .execute(),
      );
      const options = await generateRegistrationOptions({
        rpName: rp.name,
        rpID: rp.id,
        userName: user.email,
        userID: new TextEncoder().encode(user.id),
        attestationType: 'none',
        excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: c.transports })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      });
      return { options, challengeId: await challenges.put(options.challenge, `register:${user.id}`) };
    },

    async register(userId: string, challengeId: string, response: RegistrationResponseJSON, name: string) {
      const challenge = await challenges.take(challengeId, `register:${userId}`);
      if (!challenge) throw refused();
      const verified = await verifiedOrRefused(() =>
        verifyRegistrationResponse({
          response,
          expectedChallenge: challenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.id,
          requireUserVerification: true,
        }),
      );
      const { credential } = verified.registrationInfo;
      return withUser(db, userId, async (trx) => {
        const row = await trx
          .insertInto('passkeys')
          .values({
            user_id: userId,
            credential_id: credential.id,
            public_key: Buffer.from(credential.publicKey).toString('base64url'),
            counter: credential.counter,
            transports: credential.transports ?? [],
            name,
          })
          .onConflict((oc) => oc.column('credential_id').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) throw new DomainError('CONFLICT', 'this passkey is already registered');
        return row.id;
      });
    },

    /**
     * Removes a passkey. The last one cannot go while a passkey is asked for after the password: turning that
     * off is its own step, with the password and the passkey (the user row is locked so two removals queue).
     */
    async remove(userId: string, passkeyId: string) {
      await withUser(db, userId, async (trx) => {
        const user = await userRepository.findByIdForUpdate(trx, userId);
        const res = await trx
          .deleteFrom('passkeys')
          .where('user_id', '=', userId)
          .where('id', '=', passkeyId)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) === 0) throw new NotFoundError('passkey', passkeyId);
        if (user?.mfa_passkey && (await countPasskeys(trx, userId)) === 0)
          throw new DomainError(
            'CONFLICT',
            'this is your last passkey and sign-in asks for it after the password: turn off two-step sign-in with a passkey first',
          );
      });
    },

    /** Options for navigator.credentials.get with any of the user's discoverable passkeys. */
    async loginOptions() {
      const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'required' });
      return { options, challengeId: await challenges.put(options.challenge, 'login') };
    },

    /** The user the passkey answer proves, after checking signature, challenge, origin, UV and counter. */
    async verifyLogin(challengeId: string, response: AuthenticationResponseJSON): Promise<string> {
      const challenge = await challenges.take(challengeId, 'login');
      if (!challenge) throw refused();
      return scopedTransaction(db, { lookup: response.id }, async (trx) => {
        const stored = await trx
          .selectFrom('passkeys')
          .selectAll()
          .where('credential_id', '=', response.id)
          .forUpdate()
          .executeTakeFirst();
        if (!stored) throw refused();
        const verified = await verifiedOrRefused(() =>
          verifyAuthenticationResponse({
            response,
            expectedChallenge: challenge,
            expectedOrigin: rp.origin,
            expectedRPID: rp.id,
            requireUserVerification: true,
            credential: {
              id: stored.credential_id,
              publicKey: new Uint8Array(Buffer.from(stored.public_key, 'base64url')),
              counter: Number(stored.counter),
              transports: stored.transports,
            },
          }),
        );
        await assumeUser(trx, stored.user_id);
        await trx
          .updateTable('passkeys')
          .set({ counter: verified.authenticationInfo.newCounter, last_used_at: clock() })
          .where('id', '=', stored.id)
          .execute();
        return stored.user_id;
      });
    },
  };
}

export type Passkeys = ReturnType<typeof createPasskeys>;
