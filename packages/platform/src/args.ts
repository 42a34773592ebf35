export interface StartArgs {
  /** Run the demo campaign once and exit. */
  once: boolean;
  /** Print only the summary JSON on stdout (progress goes to stderr). */
  json: boolean;
  /** Skip the demo campaign: just run the platform. */
  noDemo: boolean;
  /** Persona file for the demo campaign. */
  personas: string | undefined;
}

export function parseArgs(argv: readonly string[]): StartArgs {
  const args: StartArgs = { once: false, json: false, noDemo: false, personas: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--once') args.once = true;
    else if (a === '--json') args.json = true;
    else if (a === '--no-demo') args.noDemo = true;
    else if (a === '--personas') {
      const v = argv[++i];
      if (!v) throw new Error('--personas needs a file');
      args.personas = v;
    } else throw new Error(`unknown option ${a} (known: --once, --json, --no-demo, --personas FILE)`);
  }
  if (args.once && args.noDemo) throw new Error('--once runs the demo campaign; it cannot be combined with --no-demo');
  return args;
}
