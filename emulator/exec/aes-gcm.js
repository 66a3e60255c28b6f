// @ts-check
// AES-256-GCM as the agent and the plugin use it: a fresh 12-byte nonce, then the ciphertext,
// then Go's 16-byte tag (cipher.AEAD.Seal appends it), no associated data.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;

/**
 * @param {Buffer} key 32 bytes
 * @param {Buffer} plaintext
 * @returns {Buffer}
 */
export function sealGcm(key, plaintext) {
  const nonce = randomBytes(NONCE_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  return Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/**
 * @param {Buffer} key 32 bytes
 * @param {Buffer} sealed nonce || ciphertext || tag
 * @returns {Buffer}
 */
export function openGcm(key, sealed) {
  if (sealed.length < NONCE_LENGTH + TAG_LENGTH) {
    throw new Error(`ciphertext of ${sealed.length} bytes is shorter than nonce and tag`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_LENGTH));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
  return Buffer.concat([decipher.update(sealed.subarray(NONCE_LENGTH, sealed.length - TAG_LENGTH)), decipher.final()]);
}
