import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";

type CborValue = Parameters<typeof isoCBOR.encode>[0];

/** WebAuthn's authenticator-data flags (WebAuthn §6.1): user present, user verified, attested credential data. */
const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const sha256 = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
const uint32 = (n: number) => new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
const utf8 = (text: string) => new Uint8Array(new TextEncoder().encode(text));

/** One DER INTEGER of an ECDSA signature half: leading zeros dropped, a zero put back before a high bit. */
function derInteger(half: Uint8Array) {
  let start = 0;
  while (start < half.length - 1 && half[start] === 0) start++;
  const body = half.subarray(start);
  const padded = body[0]! & 0x80 ? concat(new Uint8Array([0]), body) : body;
  return concat(new Uint8Array([0x02, padded.length]), padded);
}

/** WebCrypto's raw r‖s ECDSA signature as the ASN.1 DER sequence WebAuthn's ES256 uses. */
function toDer(raw: Uint8Array) {
  const body = concat(derInteger(raw.subarray(0, 32)), derInteger(raw.subarray(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

/** Changes to what a well-behaved authenticator and browser would send, to test each refusal. */
export interface Tamper {
  /** Leave out user verification (the UV flag). */
  noUserVerification?: boolean;
  /** The origin the client data claims (default: the one given). */
  origin?: string;
  /** The RP ID whose hash starts the authenticator data (default: the options'). */
  rpId?: string;
  /** The signature count to report instead of the next one. */
  counter?: number;
  /** The challenge the client data carries instead of the options'. */
  challenge?: string;
  /** The user handle to return instead of the passkey's own. */
  userHandle?: string;
}

/**
 * A software passkey: a P-256 key made with WebCrypto, answering registration and sign-in options
 * exactly as a platform authenticator does through @simplewebauthn/browser (attestation "none",
 * ES256, a discoverable credential returning its user handle), so the server's checks run on real
 * signatures.
 */
export class SoftPasskey {
  private counter = 0;

  private constructor(
    private readonly keys: CryptoKeyPair,
    readonly credentialId: string,
    private userHandle: string,
  ) {}

  /**
   * A new key pair, with a new credential id and user handle unless given (an impostor's key
   * under someone's credential id and handle).
   */
  static async create(claim: { credentialId?: string; userHandle?: string } = {}): Promise<SoftPasskey> {
    const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const random = (n: number) => isoBase64URL.fromBuffer(crypto.getRandomValues(new Uint8Array(n)));
    return new SoftPasskey(keys, claim.credentialId ?? random(32), claim.userHandle ?? random(16));
  }

  /** The user handle this passkey returns at sign-in (the account id it was made for, base64url). */
  get handle(): string {
    return this.userHandle;
  }

  private async coseKey(): Promise<Uint8Array> {
    // The raw form of a P-256 public key is 0x04, then x and y, 32 bytes each.
    const exported = await crypto.subtle.exportKey("raw", this.keys.publicKey);
    if (!(exported instanceof ArrayBuffer)) throw new Error("a raw key export is bytes");
    const raw = new Uint8Array(exported);
    const x = raw.slice(1, 33);
    const y = raw.slice(33, 65);
    // COSE_Key (RFC 9053): kty EC2, alg ES256, crv P-256, x, y.
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, x],
        [-3, y],
      ]),
    );
  }

  private clientData(type: string, challenge: string, origin: string) {
    return utf8(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  private flags(tamper: Tamper, extra = 0): number {
    return FLAG_UP | (tamper.noUserVerification ? 0 : FLAG_UV) | extra;
  }

  /** `navigator.credentials.create()` for `options`, made on `origin`. */
  async register(options: PublicKeyCredentialCreationOptionsJSON, origin: string, tamper: Tamper = {}): Promise<RegistrationResponseJSON> {
    this.userHandle = options.user.id;
    const rpIdHash = await sha256(utf8(tamper.rpId ?? options.rp.id ?? ""));
    const credentialId = isoBase64URL.toBuffer(this.credentialId);
    const attested = concat(
      new Uint8Array(16),
      new Uint8Array([credentialId.length >> 8, credentialId.length & 0xff]),
      credentialId,
      await this.coseKey(),
    );
    const authData = concat(rpIdHash, new Uint8Array([this.flags(tamper, FLAG_AT)]), uint32(this.counter), attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, CborValue>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", authData],
      ]),
    );
    const clientDataJSON = this.clientData("webauthn.create", tamper.challenge ?? options.challenge, tamper.origin ?? origin);
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key",
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
      response: {
        clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
        attestationObject: isoBase64URL.fromBuffer(attestationObject),
        transports: ["internal"],
      },
    };
  }

  /** `navigator.credentials.get()` for `options` (no allowed credentials: the passkey offers itself), on `origin`. */
  async assert(options: PublicKeyCredentialRequestOptionsJSON, origin: string, tamper: Tamper = {}): Promise<AuthenticationResponseJSON> {
    this.counter = tamper.counter ?? this.counter + 1;
    const rpIdHash = await sha256(utf8(tamper.rpId ?? options.rpId ?? ""));
    const authData = concat(rpIdHash, new Uint8Array([this.flags(tamper)]), uint32(this.counter));
    const clientDataJSON = this.clientData("webauthn.get", tamper.challenge ?? options.challenge, tamper.origin ?? origin);
    const signed = concat(authData, await sha256(clientDataJSON));
    const raw = new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, this.keys.privateKey, signed));
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key",
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
      response: {
        clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
        authenticatorData: isoBase64URL.fromBuffer(authData),
        signature: isoBase64URL.fromBuffer(toDer(raw)),
        userHandle: tamper.userHandle ?? this.userHandle,
      },
    };
  }
}
