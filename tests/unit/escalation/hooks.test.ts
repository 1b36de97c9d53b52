// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { originPattern } from '../../../lib/escalation/hooks';

describe('originPattern', () => {
  it('asks for a web host without its port, which Firefox’s match patterns do not take', () => {
    expect(originPattern('https://hooks.slack.com/services/T/B/X')).toBe('https://hooks.slack.com/*');
    expect(originPattern('http://127.0.0.1:8080/hooks/escalations')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://[::1]:8443/hook')).toBe('https://[::1]/*');
  });

  it('has no pattern for what is not a web URL', () => {
    expect(originPattern('ftp://files.example.com/x')).toBeUndefined();
    expect(originPattern('hooks.example.com')).toBeUndefined();
    expect(originPattern('')).toBeUndefined();
  });
});
