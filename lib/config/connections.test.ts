import { describe, expect, it } from 'vitest';
import { readConnectionSpecs } from './connections';

describe('readConnectionSpecs', () => {
  it('makes one "default" connection of REDIS_URL, or of the embedded server', () => {
    expect(readConnectionSpecs({ REDIS_URL: 'redis://r:6379' })).toEqual([{ name: 'default', kind: 'single', url: 'redis://r:6379', prefixes: ['bull'] }]);
    expect(readConnectionSpecs({})).toEqual([{ name: 'default', kind: 'single', url: null, prefixes: ['bull'] }]);
  });

  it('makes one cluster connection of REDIS_CLUSTER_NODES, with credentials and TLS from URL entries', () => {
    expect(readConnectionSpecs({ REDIS_CLUSTER_NODES: 'a:7000, b:7001', LOOKOUT_PREFIXES: '{bull}' })).toEqual([
      { name: 'default', kind: 'cluster', nodes: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }], tls: false, prefixes: ['{bull}'] },
    ]);
    expect(readConnectionSpecs({ REDIS_CLUSTER_NODES: 'rediss://ops:s%40cret@a:7000,b:7001' })[0]).toMatchObject({
      nodes: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }],
      username: 'ops',
      password: 's@cret',
      tls: true,
    });
  });

  it('reads LOOKOUT_CONNECTIONS in order, each with its own prefixes or LOOKOUT_PREFIXES', () => {
    const specs = readConnectionSpecs({
      LOOKOUT_PREFIXES: 'bull,app',
      REDIS_URL: 'redis://ignored:6379',
      LOOKOUT_CONNECTIONS: JSON.stringify([
        { name: 'prod', url: 'redis://prod:6379' },
        { name: 'staging', clusterNodes: '10.0.0.1:7000,10.0.0.2:7000', prefixes: ['{bull}'] },
      ]),
    });
    expect(specs).toEqual([
      { name: 'prod', kind: 'single', url: 'redis://prod:6379', prefixes: ['bull', 'app'] },
      { name: 'staging', kind: 'cluster', nodes: [{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7000 }], tls: false, prefixes: ['{bull}'] },
    ]);
  });

  it.each([
    ['not JSON', '[{', /LOOKOUT_CONNECTIONS is not valid JSON/],
    ['an empty list', '[]', /at least one connection/],
    ['a duplicate name', '[{"name":"a","url":"redis://x"},{"name":"a","url":"redis://y"}]', /unique/],
    ['a bad name', '[{"name":"a b","url":"redis://x"}]', /0\.name/],
    ['both url and clusterNodes', '[{"name":"a","url":"redis://x","clusterNodes":"x:1"}]', /LOOKOUT_CONNECTIONS/],
    ['a bad node', '[{"name":"a","clusterNodes":"x:99999"}]', /"a"/],
  ])('refuses %s with a message naming the problem', (_label, raw, message) => {
    expect(() => readConnectionSpecs({ LOOKOUT_CONNECTIONS: raw })).toThrow(message);
  });
});
