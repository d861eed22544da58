import { describe, expect, it } from 'vitest';
import { maskStoreUrl, parseStoreUrl, storeUrlSecrets } from '../../src/store/store-url.ts';

describe('store URLs', () => {
  it.each([
    ['sqlite:./var/snapcopy.sqlite', { kind: 'sqlite', path: './var/snapcopy.sqlite' }],
    ['sqlite:/srv/snapcopy.sqlite', { kind: 'sqlite', path: '/srv/snapcopy.sqlite' }],
    ['sqlite:///srv/snapcopy.sqlite', { kind: 'sqlite', path: '/srv/snapcopy.sqlite' }],
    ['sqlite::memory:', { kind: 'sqlite', path: ':memory:' }],
    ['redis://127.0.0.1:6379', { kind: 'redis', url: 'redis://127.0.0.1:6379' }],
    ['rediss://cache:6380/2', { kind: 'redis', url: 'rediss://cache:6380/2' }],
    ['postgres://u@db/snapcopy', { kind: 'postgres', url: 'postgres://u@db/snapcopy' }],
    ['postgresql://u@db/snapcopy', { kind: 'postgres', url: 'postgresql://u@db/snapcopy' }],
  ])('reads %s', (url, location) => {
    expect(parseStoreUrl(url)).toEqual(location);
  });

  it('names the supported schemes for an unknown one, without echoing the URL', () => {
    const attempt = () => parseStoreUrl('mysql://root:hunter22@db/snapcopy');

    expect(attempt).toThrow(
      /unsupported store URL scheme "mysql:".*sqlite:<path>.*redis:\/\/.*postgres:\/\//,
    );
    expect(attempt).not.toThrow(/hunter22/);
  });

  it('refuses a URL without a scheme or a sqlite URL without a path', () => {
    expect(() => parseStoreUrl('./var/snapcopy.sqlite')).toThrow(/no scheme/);
    expect(() => parseStoreUrl('sqlite:')).toThrow(/no file path/);
  });

  it('masks the password, and only the password', () => {
    expect(maskStoreUrl('redis://:s3cret-pw@cache:6379/0')).toBe('redis://:***@cache:6379/0');
    expect(maskStoreUrl('postgres://app:s3cret-pw@db:5432/snapcopy')).toBe(
      'postgres://app:***@db:5432/snapcopy',
    );
    expect(maskStoreUrl('postgres://app@db/snapcopy')).toBe('postgres://app@db/snapcopy');
    expect(maskStoreUrl('sqlite:./var/snapcopy.sqlite')).toBe('sqlite:./var/snapcopy.sqlite');
    expect(maskStoreUrl('redis://:pw with space@cache')).not.toContain('pw with space');
  });

  it('extracts the password as written and decoded, so both can be masked', () => {
    expect(storeUrlSecrets('postgres://app:p%40ss-word@db/snapcopy')).toEqual(['p%40ss-word', 'p@ss-word']);
    expect(storeUrlSecrets('postgres://app:plain-word@db/snapcopy')).toEqual(['plain-word']);
    expect(storeUrlSecrets('redis://cache:6379')).toEqual([]);
    expect(storeUrlSecrets('sqlite:./x.sqlite')).toEqual([]);
  });
});
