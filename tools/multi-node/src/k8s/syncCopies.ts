/** `npm run k8s:sync`: copies deploy/'s alert rules, dashboards and service logins into k8s/base. */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { copiedFiles } from './copiedFiles';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
for (const { original, copy } of copiedFiles(ROOT)) {
  mkdirSync(dirname(copy), { recursive: true });
  copyFileSync(original, copy);
  process.stdout.write(`${relative(ROOT, original)} -> ${relative(ROOT, copy)}\n`);
}
