import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** Marks a browser that signed in to an account before: its failed attempts count apart from strangers'. */
export const DEVICE_COOKIE = 'fs_device';
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Signs and reads `<device id>.<HMAC(device id, user id)>`; a cookie proves nothing for another account. */
export function deviceCookies(secret: string) {
  const key = createHmac('sha256', 'finsync-device-cookie').update(secret).digest();
  const mac = (deviceId: string, userId: string) =>
    createHmac('sha256', key).update(`${deviceId}:${userId}`).digest('base64url');
  return {
    issue(userId: string, deviceId: string = randomUUID()): { deviceId: string; value: string } {
      return { deviceId, value: `${deviceId}.${mac(deviceId, userId)}` };
    },
    /** The device id when the cookie was issued for this user, else null. */
    verify(value: string | undefined, userId: string): string | null {
      if (!value || value.length > 200) return null;
      const [deviceId, signature, ...rest] = value.split('.');
      if (!deviceId || !signature || rest.length > 0 || !UUID.test(deviceId)) return null;
      const expected = Buffer.from(mac(deviceId, userId));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given) ? deviceId : null;
    },
  };
}

export type DeviceCookies = ReturnType<typeof deviceCookies>;
