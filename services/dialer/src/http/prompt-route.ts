import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { fromRoot } from '@voicebot/common';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

function promptFile(promptsDir: string, script: string, prompt: string): string | null {
  if (!NAME.test(script) || !NAME.test(prompt)) return null;
  return path.join(fromRoot(promptsDir), script, `${prompt}.wav`);
}

/** Is the prompt recorded (a WAV under the prompts directory)? */
export function promptExists(promptsDir: string, script: string, prompt: string): boolean {
  const file = promptFile(promptsDir, script, prompt);
  return file !== null && fs.existsSync(file);
}

/** `GET /carrier/prompt?script=&prompt=`: the campaign's identification message for abandoned calls (`<Play>`). */
export function promptRoute(promptsDir: string): http.RequestListener {
  return (req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const script = q.get('script') ?? '';
    const prompt = q.get('prompt') ?? '';
    const file = promptFile(promptsDir, script, prompt);
    if (!file) {
      res.writeHead(400, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ title: 'Bad Request', status: 400, detail: 'script and prompt must be simple names' }));
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ title: 'Not Found', status: 404, detail: `no prompt ${script}/${prompt}` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': st.size });
      fs.createReadStream(file).pipe(res);
    });
  };
}
