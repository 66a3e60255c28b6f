// @ts-check
/**
 * Loads the Exec data channel (emulator/exec, built separately). Resolves to undefined only
 * when that module does not exist yet; any other load failure is a real error.
 * @param {{ faults?: object, scenarioDir: string, log?: (entry: object) => void }} options
 * @returns {Promise<any>}
 */
export async function createExecChannel(options) {
  let mod;
  try {
    mod = await import('./exec/index.js');
  } catch (error) {
    const e = /** @type {NodeJS.ErrnoException} */ (error);
    if (e.code === 'ERR_MODULE_NOT_FOUND' && e.message.includes('exec/index.js')) return undefined;
    throw error;
  }
  return new mod.ExecChannel(options);
}
