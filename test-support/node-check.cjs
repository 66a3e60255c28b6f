/**
 * Run first by `npm test` and `npm run demo`: on a Node older than package.json's `engines`, one
 * line that says so, and exit 1, before the AWS SDK and jest print warnings of their own. CommonJS
 * and plain syntax, so that it runs on any Node old enough to need it.
 */
/* global require, __dirname */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, so that an old Node can run it */
const fs = require('fs');
const path = require('path');
/* eslint-enable @typescript-eslint/no-require-imports */

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
const wanted = /^>=\s*(\d+)/.exec(pkg.engines.node);
if (!wanted) throw new Error(`package.json engines.node is '${pkg.engines.node}'; node-check.cjs reads only '>=N'.`);
const required = Number(wanted[1]);
const major = Number(process.versions.node.split('.')[0]);
if (major < required) {
  process.stderr.write(
    `ecs-deploy-verify needs Node ${required} or later (package.json engines: "${pkg.engines.node}"), but this is Node ${process.version} (${process.execPath}): run \`nvm use\` (it reads .nvmrc) or install Node ${required}.\n`,
  );
  process.exit(1);
}
