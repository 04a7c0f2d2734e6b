import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { SoftPasskey } from "./passkey-authenticator";
import { api, randomIp, type TestUser } from "./users";

/** The origin of `api()`'s requests: in development the relying party is the host the app is reached on. */
export const TEST_ORIGIN = "http://localhost";

/** Adds a new software passkey to `user` through the real routes; answers its listed view and the key. */
export async function addedPasskey(user: TestUser): Promise<{ id: string; name: string; key: SoftPasskey }> {
  const ip = randomIp();
  const started = await api("/api/auth/passkeys/registration/options", {
    method: "POST",
    cookie: user.cookie,
    ip,
    json: { currentPassword: user.password },
  });
  if (started.status !== 200) throw new Error(`passkey options: ${started.status} ${await started.text()}`);
  const { options } = await started.json<{ options: PublicKeyCredentialCreationOptionsJSON }>();
  const key = await SoftPasskey.create();
  const added = await api("/api/auth/passkeys/registration/verify", {
    method: "POST",
    cookie: user.cookie,
    ip,
    json: { response: await key.register(options, TEST_ORIGIN) },
  });
  if (added.status !== 201) throw new Error(`passkey verify: ${added.status} ${await added.text()}`);
  const { passkey } = await added.json<{ passkey: { id: string; name: string } }>();
  return { ...passkey, key };
}
