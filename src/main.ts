import * as core from '@actions/core';
import { errorMessage } from './errors.js';
import { getInputs } from './inputs.js';

export async function run(): Promise<void> {
  try {
    const inputs = getInputs(core.getInput);
    core.info(`mode ${inputs.mode}`);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
