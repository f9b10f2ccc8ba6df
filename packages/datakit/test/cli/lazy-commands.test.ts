import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandToLoad } from '../../src/cli/lazy-command.js';
import { buildProgram, COMMANDS } from '../../src/cli/main.js';
import { runCli } from './run-cli.js';

const io = { out: () => {}, err: () => {}, cwd: process.cwd() };

describe('lazily loaded commands', () => {
  it('list every command with the summary its module declares', async () => {
    for (const command of COMMANDS) {
      const program = new Command('datakit');
      (await command.load())(program, io, () => {});
      const registered = program.commands.find((c) => c.name() === command.name);
      expect(registered?.description(), command.name).toBe(command.summary);
    }
  });

  it('load only the command that runs (or whose help is asked for)', async () => {
    expect(commandToLoad(['node', 'datakit', '--help'], COMMANDS)).toBeUndefined();
    expect(commandToLoad(['node', 'datakit', 'deploy', '--plan'], COMMANDS)?.name).toBe('deploy');
    expect(commandToLoad(['node', 'datakit', 'help', 'init'], COMMANDS)?.name).toBe('init');
    const help = await buildProgram(io, () => {}, ['node', 'datakit', '--help']);
    expect(help.commands.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name));
    expect(help.commands.every((c) => c.options.length === 0)).toBe(true);
    const deploy = await buildProgram(io, () => {}, ['node', 'datakit', 'deploy', '--plan']);
    expect(deploy.commands.find((c) => c.name() === 'deploy')?.options.length).toBeGreaterThan(0);
  });

  it('every command has examples in its --help', async () => {
    for (const command of COMMANDS) {
      const { code, stdout } = await runCli([command.name, '--help'], process.cwd());
      expect(code, command.name).toBe(0);
      expect(stdout, command.name).toContain('Examples:');
    }
  });
});
