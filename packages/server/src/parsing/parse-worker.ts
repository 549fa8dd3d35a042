/** The body of a parsing thread: runs each task it is sent and posts the outcome back with the task's id. */
import { parentPort } from 'node:worker_threads';
import { runParseTask, type ParseTask } from './parse-tasks.ts';

if (!parentPort) throw new Error('parse-worker.ts runs as a worker thread');
const port = parentPort;
port.on('message', (message: { id: number; task: ParseTask }) => {
  void runParseTask(message.task).then((outcome) => port.postMessage({ id: message.id, outcome }));
});
port.postMessage({ ready: true });
