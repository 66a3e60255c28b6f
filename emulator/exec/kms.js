// @ts-check
// Just enough of KMS (JSON 1.1, TrentService) for the ECS Exec handshake: GenerateDataKey and
// Decrypt against keys named by clusters' executeCommandConfiguration.kmsKeyId. Ciphertext blobs
// are bound to their key and encryption context like real ones, so a client that sends the
// wrong context or a tampered blob fails the way it would against AWS.
import { createHash, randomBytes } from 'node:crypto';
import { openGcm, sealGcm } from './aes-gcm.js';

const BLOB_VERSION = 1;
const KEY_ID_BYTES = 16;

/** @typedef {{ arn: string, keyId: string, aliases: Set<string>, material: Buffer }} KmsKey */

/**
 * @param {number} status
 * @param {string} type
 * @param {string} message
 */
function failure(status, type, message) {
  return { status, body: { __type: type, message } };
}

/** @param {Record<string, string> | undefined} context */
function contextBytes(context) {
  const entries = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(entries));
}

/** @param {string} text */
function uuidFrom(text) {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class KmsStore {
  constructor() {
    /** @type {KmsKey[]} */
    this.keys = [];
  }

  /**
   * Makes a key known (idempotent). Accepts a key ARN, key id, alias name or alias ARN.
   * @param {string} keyRef
   * @param {{ region: string, account: string }} where
   * @returns {KmsKey}
   */
  register(keyRef, where) {
    const existing = this.find(keyRef);
    if (existing) return existing;
    const arnMatch = /^arn:aws[\w-]*:kms:([^:]+):(\d{12}):(key|alias)\/(.+)$/.exec(keyRef);
    const region = arnMatch ? arnMatch[1] : where.region;
    const account = arnMatch ? arnMatch[2] : where.account;
    const isAlias = arnMatch ? arnMatch[3] === 'alias' : keyRef.startsWith('alias/');
    const name = arnMatch ? arnMatch[4] : keyRef.replace(/^alias\//, '');
    const keyId = isAlias ? uuidFrom(`${region}:${account}:alias/${name}`) : name;
    const arnPrefix = `arn:aws:kms:${region}:${account}`;
    /** @type {KmsKey} */
    const key = {
      arn: `${arnPrefix}:key/${keyId}`,
      keyId,
      aliases: new Set(isAlias ? [`alias/${name}`, `${arnPrefix}:alias/${name}`] : []),
      material: randomBytes(32),
    };
    this.keys.push(key);
    return key;
  }

  /** @param {string} keyRef */
  find(keyRef) {
    return this.keys.find((k) => k.arn === keyRef || k.keyId === keyRef || k.aliases.has(keyRef));
  }

  /**
   * @param {string} operation e.g. 'GenerateDataKey'
   * @param {any} input the parsed JSON request body
   * @returns {{ status: number, body: object }}
   */
  handle(operation, input) {
    switch (operation) {
      case 'GenerateDataKey':
        return this.generateDataKey(input ?? {});
      case 'Decrypt':
        return this.decryptRequest(input ?? {});
      default:
        return failure(400, 'UnknownOperationException', `Operation TrentService.${operation} is not supported by this emulator`);
    }
  }

  /** @param {any} input */
  generateDataKey(input) {
    if (typeof input.KeyId !== 'string' || input.KeyId === '') {
      return failure(400, 'ValidationException', "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
    }
    const key = this.find(input.KeyId);
    if (!key) return failure(400, 'NotFoundException', `Key '${input.KeyId}' does not exist`);
    const specBytes = { AES_256: 32, AES_128: 16 };
    if ((input.NumberOfBytes === undefined) === (input.KeySpec === undefined)) {
      return failure(400, 'ValidationException', 'Please specify either number of bytes or key spec.');
    }
    // NumberOfBytes: "Valid Range: Minimum value of 1. Maximum value of 1024" (KMS API reference, GenerateDataKey).
    const length = input.NumberOfBytes ?? specBytes[/** @type {'AES_256'|'AES_128'} */ (input.KeySpec)];
    if (!Number.isInteger(length) || length < 1 || length > 1024) {
      return failure(400, 'ValidationException', `1 validation error detected: Value '${input.NumberOfBytes ?? input.KeySpec}' at 'numberOfBytes' failed to satisfy constraint: Member must have value between 1 and 1024`);
    }
    const plaintext = randomBytes(length);
    const blob = Buffer.concat([
      Buffer.from([BLOB_VERSION]),
      this.keyTag(key),
      sealGcmWithContext(key.material, plaintext, input.EncryptionContext),
    ]);
    return { status: 200, body: { CiphertextBlob: blob.toString('base64'), Plaintext: plaintext.toString('base64'), KeyId: key.arn } };
  }

  /** @param {KmsKey} key */
  keyTag(key) {
    return createHash('sha256').update(key.arn).digest().subarray(0, KEY_ID_BYTES);
  }

  /** @param {any} input */
  decryptRequest(input) {
    if (typeof input.CiphertextBlob !== 'string' || input.CiphertextBlob === '') {
      return failure(400, 'ValidationException', "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null");
    }
    const result = this.decrypt(Buffer.from(input.CiphertextBlob, 'base64'), input.EncryptionContext, input.KeyId);
    if ('error' in result) return result.error;
    return { status: 200, body: { KeyId: result.key.arn, Plaintext: result.plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' } };
  }

  /**
   * @param {Buffer} blob
   * @param {Record<string, string> | undefined} context
   * @param {string} [keyRef]
   * @returns {{ key: KmsKey, plaintext: Buffer } | { error: { status: number, body: object } }}
   */
  decrypt(blob, context, keyRef) {
    const invalid = { error: failure(400, 'InvalidCiphertextException', '') };
    if (blob.length < 1 + KEY_ID_BYTES || blob[0] !== BLOB_VERSION) return invalid;
    const tag = blob.subarray(1, 1 + KEY_ID_BYTES);
    const key = this.keys.find((k) => this.keyTag(k).equals(tag));
    if (!key) return invalid;
    if (keyRef !== undefined && this.find(keyRef) !== key) {
      return { error: failure(400, 'IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.') };
    }
    try {
      return { key, plaintext: openGcmWithContext(key.material, blob.subarray(1 + KEY_ID_BYTES), context) };
    } catch {
      return invalid;
    }
  }
}

/**
 * The encryption context is authenticated, not secret: bind it by folding its digest into the key.
 * @param {Buffer} material
 * @param {Record<string, string> | undefined} context
 */
function contextKey(material, context) {
  return createHash('sha256').update(material).update(contextBytes(context)).digest();
}

/**
 * @param {Buffer} material
 * @param {Buffer} plaintext
 * @param {Record<string, string> | undefined} context
 */
function sealGcmWithContext(material, plaintext, context) {
  return sealGcm(contextKey(material, context), plaintext);
}

/**
 * @param {Buffer} material
 * @param {Buffer} sealed
 * @param {Record<string, string> | undefined} context
 */
function openGcmWithContext(material, sealed, context) {
  return openGcm(contextKey(material, context), sealed);
}
