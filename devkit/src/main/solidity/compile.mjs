// Compiles every <Name>.sol here with solc from npm (the version package.json pins) and writes, for the contract
// named like its file, ../resources/io/chainwatch/devkit/contracts/<Name>.json: {abi, bytecode, contract, solc}.
//
//   node devkit/src/main/solidity/compile.mjs            write the JSON files
//   node devkit/src/main/solidity/compile.mjs --check    compile in memory; exit 1 if a committed file differs
//   --out <dir>                                          read or write another directory (the check's own test)
//
// The output is reproducible: no metadata hash in the bytecode, keys sorted, fixed settings. evmVersion "paris"
// (no PUSH0) so ganache 7, which the end-to-end test also runs, executes the same code as anvil.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const check = args.includes('--check');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.resolve(here, '../resources/io/chainwatch/devkit/contracts');

const files = readdirSync(here).filter((f) => f.endsWith('.sol')).sort();
const input = {
  language: 'Solidity',
  sources: Object.fromEntries(files.map((f) => [f, { content: readFileSync(path.join(here, f), 'utf8') }])),
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'paris',
    metadata: { bytecodeHash: 'none', appendCBOR: false },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = output.errors ?? [];
problems.forEach((e) => console.error(e.formattedMessage));
if (problems.some((e) => e.severity === 'error')) {
  process.exit(1);
}

function sorted(value) {
  if (Array.isArray(value)) {
    return value.map(sorted);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
  }
  return value;
}

const stale = [];
for (const file of files) {
  const name = path.basename(file, '.sol');
  const compiled = output.contracts[file]?.[name];
  if (!compiled) {
    console.error(`${file}: no contract named ${name}`);
    process.exit(1);
  }
  const json = JSON.stringify(
    sorted({ contract: name, solc: solc.version(), abi: compiled.abi, bytecode: '0x' + compiled.evm.bytecode.object }),
    null,
    2,
  ) + '\n';
  const target = path.join(out, `${name}.json`);
  if (check) {
    if (!existsSync(target) || readFileSync(target, 'utf8') !== json) {
      stale.push(target);
    }
  } else {
    mkdirSync(out, { recursive: true });
    writeFileSync(target, json);
    console.log(`wrote ${target}`);
  }
}
if (stale.length > 0) {
  console.error(`out of date with the Solidity sources (run node ${path.relative(process.cwd(), fileURLToPath(import.meta.url))}):`);
  stale.forEach((f) => console.error(`  ${f}`));
  process.exit(1);
}
if (check) {
  console.log(`${files.length} contracts match their sources (solc ${solc.version()})`);
}
