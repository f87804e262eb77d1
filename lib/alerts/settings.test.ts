import { describe, expect, it } from 'vitest';
import { buildRuleSet, settingsFor } from './rules';
import { AlertConfigError, readAlertSettings } from './settings';
import { applyWebhookEdits, viewWebhook } from './webhooks';

describe('alert settings', () => {
  it('reads rule overrides globally and per queue, on top of the defaults', () => {
    const settings = readAlertSettings({
      LOOKOUT_ALERT_RULES: JSON.stringify({ QueueLengthWarning: { threshold: 500, forMs: 1000, queues: { emails: { threshold: 50 } } } }),
    });
    const saved = { QueueLengthWarning: { forMs: 0, queues: { emails: { forMs: 5 } } }, FailureRateHigh: { enabled: false } };
    const rules = buildRuleSet(settings.rules, saved);
    expect(settingsFor(rules, 'QueueLengthWarning', 'images')).toMatchObject({ threshold: 500, forMs: 0, repeatIntervalMs: 4 * 3600_000 });
    expect(settingsFor(rules, 'QueueLengthWarning', 'emails')).toMatchObject({ threshold: 50, forMs: 5 });
    expect(settingsFor(rules, 'QueueLengthCritical', 'emails')).toMatchObject({ threshold: 5000, forMs: 60_000 });
    expect(settingsFor(rules, 'FailureRateHigh', 'emails')).toMatchObject({ enabled: false, minJobs: 20, threshold: 0.05 });
  });

  it('validates LOOKOUT_ALERT_RULES and LOOKOUT_ALERT_WEBHOOKS when they load', () => {
    expect(() => readAlertSettings({ LOOKOUT_ALERT_RULES: '{"NoSuchRule":{}}' })).toThrow(AlertConfigError);
    expect(() => readAlertSettings({ LOOKOUT_ALERT_RULES: '{"QueueLengthWarning":{"threshold":-1}}' })).toThrow(/threshold/);
    expect(() => readAlertSettings({ LOOKOUT_ALERT_WEBHOOKS: 'not json' })).toThrow(/not valid JSON/);
    expect(() => readAlertSettings({ LOOKOUT_ALERT_WEBHOOKS: '[{"url":"ftp://x"}]' })).toThrow(/url/);
    expect(() => readAlertSettings({ LOOKOUT_ALERT_WEBHOOKS: '[{"url":"https://events.pagerduty.com/v2/enqueue","format":"pagerduty"}]' })).toThrow(/routingKey/);
    const { webhooks } = readAlertSettings({ LOOKOUT_ALERT_WEBHOOKS: '[{"url":"https://am.example.com/hook","secret":"s"}]' });
    expect(webhooks).toEqual([{ id: 'env-1', name: 'alertmanager am.example.com', url: 'https://am.example.com/hook', format: 'alertmanager', secret: 's', source: 'env' }]);
    expect(viewWebhook(webhooks[0]!)).not.toHaveProperty('secret');
  });

  it('takes the namespace from LOOKOUT_NAMESPACE, or its old name LOOKOUT_KEY_PREFIX', () => {
    expect(readAlertSettings({}).namespace).toBe('lookout');
    expect(readAlertSettings({ LOOKOUT_NAMESPACE: 'staging' }).namespace).toBe('staging');
    expect(readAlertSettings({ LOOKOUT_KEY_PREFIX: 'legacy' }).namespace).toBe('legacy');
  });

  it('keeps a stored secret unless an edit replaces or removes it', () => {
    const stored = applyWebhookEdits([], [{ url: 'https://a.example.com', format: 'slack', secret: 'one' }]);
    expect(stored[0]).toMatchObject({ id: 'ui-1', secret: 'one' });
    expect(applyWebhookEdits(stored, [{ id: 'ui-1', url: 'https://b.example.com', format: 'slack' }])[0]).toMatchObject({ url: 'https://b.example.com', secret: 'one' });
    expect(applyWebhookEdits(stored, [{ id: 'ui-1', url: 'https://b.example.com', format: 'slack', secret: null }])[0]).not.toHaveProperty('secret');
  });
});
