/**
 * `node dist/index.js | node demo/pretty.js`: the action's log from stdin, rendered for a terminal
 * as the demo shows it (demo/render.js). Colour when stdout is a terminal and NO_COLOR is not set.
 */
import { createRenderer, wantsColor } from './render.js';

const renderer = createRenderer({ write: (text) => process.stdout.write(text), color: wantsColor(process.stdout) });
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => renderer.push(chunk));
process.stdin.on('end', () => renderer.end());
