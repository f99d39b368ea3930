// Test runner: applies tasks (JSON on stdin) to the editor's own modules, prints the results as JSON.
import { createFormat } from './sosmed-format.js';
import { folderParts, localParts, slugify } from './sosmed-paths.js';

const input = JSON.parse(await new Promise(resolve => {
  let text = '';
  process.stdin.on('data', chunk => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));
const data = input.data;

function at(object, path) {
  return path.reduce((node, key) => node[key], object);
}

function apply(values, edit) {
  const parent = at(values, edit.path.slice(0, -1));
  const last = edit.path[edit.path.length - 1];
  if (edit.op === 'set') parent[last] = edit.value;
  if (edit.op === 'delete') delete parent[last];
  if (edit.op === 'push') parent[last].push(edit.value);
  if (edit.op === 'unshift') parent[last].unshift(edit.value);
  if (edit.op === 'remove') parent[last].splice(edit.index, 1);
}

function run(task) {
  const format = task.format && createFormat(data.formats[task.format]);
  switch (task.kind) {
    case 'read':
      return format.fromFile(task.raw);
    case 'roundtrip':
      return format.toFile(JSON.parse(JSON.stringify(format.fromFile(task.raw))));
    case 'edit': {
      // Through JSON, as Decap hands the format plain data (entry.get('data').toJS()).
      const values = JSON.parse(JSON.stringify(format.fromFile(task.raw)));
      task.edits.forEach(edit => apply(values, edit));
      return format.toFile(values);
    }
    case 'new':
      return format.toFile(task.values);
    case 'refused': {
      const values = JSON.parse(JSON.stringify(format.fromFile(task.raw)));
      values.title = 'Judul yang diisi di formulir kosong';
      try {
        return `written: ${format.toFile(values)}`;
      } catch (error) {
        return `refused: ${error.message}`;
      }
    }
    case 'slug':
      return task.titles.map(title => slugify(title, data.slugFallback));
    case 'local':
      return task.values.map(value => localParts(value, task.zone));
    case 'folder':
      return folderParts(task.values, data.zone, data.slugFallback);
    default:
      throw new Error(`unknown task ${task.kind}`);
  }
}

process.stdout.write(JSON.stringify(input.tasks.map(run)));
