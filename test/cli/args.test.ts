import { describe, expect, it } from 'vitest';
import type { PropSpecs } from '../../src/core/plugin/PropSpec';
import { kebabCase, parseArgs, UsageError } from '../../src/cli/args';
import { describeProps, propFlagSpecs, propsFromFlags } from '../../src/cli/operatorFlags';

describe('CLI argument parsing', () => {
  const specs = { output: { value: true, short: 'o' }, format: { value: true }, json: {} };

  it('splits positionals, options with values (three spellings) and switches', () => {
    const args = parseArgs(
      ['a.obj', '-o', 'out/', 'b.obj', '--format=ply', '--json', '--', '--weird.obj'],
      specs,
    );
    expect(args.positionals).toEqual(['a.obj', 'b.obj', '--weird.obj']);
    expect(Object.fromEntries(args.options)).toEqual({ output: 'out/', format: 'ply', json: true });
  });

  it('rejects unknown options and missing values as usage errors', () => {
    expect(() => parseArgs(['--frobnicate'], specs)).toThrow(UsageError);
    expect(() => parseArgs(['-x'], specs)).toThrow('unknown option: -x');
    expect(() => parseArgs(['a.obj', '-o'], specs)).toThrow('--output needs a value');
  });

  it('keeps negative numbers as values', () => {
    const args = parseArgs(['--offset', '-0.5', 'in.obj'], { offset: { value: true } });
    expect(args.options.get('offset')).toBe('-0.5');
    expect(args.positionals).toEqual(['in.obj']);
  });

  it('kebab-cases prop names', () => {
    expect(kebabCase('maxSteps')).toBe('max-steps');
    expect(kebabCase('keep_largest')).toBe('keep-largest');
    expect(kebabCase('t')).toBe('t');
  });
});

describe('operator props as flags', () => {
  const props = {
    steps: { type: 'int', default: 100, min: 1, max: 1000, label: 'Steps' },
    timeStep: { type: 'float', default: 0.05, min: 0, help: 'flow step t' },
    centre: { type: 'bool', default: true },
    model: {
      type: 'enum',
      default: 'human',
      items: [
        ['human', 'Human'],
        ['vases', 'Vases'],
      ],
    },
  } satisfies PropSpecs;
  const { specs, propOfFlag } = propFlagSpecs(props);
  const parse = (argv: string[]) => propsFromFlags(props, parseArgs(argv, specs).options, propOfFlag);

  it('gives the defaults when no flag is given', () => {
    expect(parse([])).toEqual({ steps: 100, timeStep: 0.05, centre: true, model: 'human' });
  });

  it('parses every type, in both spellings, and --no- for booleans', () => {
    expect(parse(['--steps', '20', '--time-step', '0.1', '--no-centre', '--model', 'vases'])).toEqual({
      steps: 20,
      timeStep: 0.1,
      centre: false,
      model: 'vases',
    });
    expect(parse(['--timeStep=0.2', '--centre=false']).timeStep).toBe(0.2);
    expect(parse(['--centre']).centre).toBe(true);
  });

  it('refuses values outside the spec with the spec’s own message', () => {
    expect(() => parse(['--steps', '0'])).toThrow('steps must be ≥ 1');
    expect(() => parse(['--steps', '2.5'])).toThrow('steps must be an integer');
    expect(() => parse(['--model', 'cars'])).toThrow('model must be one of human, vases');
    expect(() => parse(['--time-step', 'fast'])).toThrow(UsageError);
  });

  it('describes each prop for --help', () => {
    const text = describeProps(props);
    expect(text).toContain('--steps N');
    expect(text).toContain('default 100');
    expect(text).toContain('[1 … 1000]');
    expect(text).toContain('--[no-]centre');
    expect(text).toContain('--model human|vases');
  });
});
