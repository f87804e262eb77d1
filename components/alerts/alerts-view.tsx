'use client';

import { useAlerts, useAlertRules, useDeliveries, useWebhooks } from '../api/alert-hooks';
import { useCan } from '../auth/use-me';
import { Freshness } from '../layout/freshness';
import { PageHeader } from '../layout/page-header';
import { ErrorState, Panel } from '../ui/panel';
import { AlertTable } from './alert-table';
import { AlertTimeline } from './alert-timeline';
import { DeliveryLogTable } from './delivery-log';
import { RulesEditor } from './rules-editor';
import { WebhooksPanel } from './webhooks-panel';

export function AlertsView() {
  const alerts = useAlerts();
  const rules = useAlertRules();
  const deliveries = useDeliveries();
  const canSilence = useCan('operator');
  const isAdmin = useCan('admin');
  const webhooks = useWebhooks(isAdmin);
  const active = alerts.data?.active ?? [];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Alerts" subtitle="Evaluated by the monitor every few seconds; silences stop notifications, never evaluation.">
        <Freshness dataUpdatedAt={alerts.dataUpdatedAt} isError={alerts.isError} />
      </PageHeader>
      {alerts.isError && !alerts.data ? <ErrorState error={alerts.error} /> : null}
      {alerts.data ? (
        <>
          <Panel title="Firing">
            <AlertTable alerts={active.filter((alert) => alert.state === 'firing')} kind="firing" canSilence={canSilence} empty="Nothing is firing" />
          </Panel>
          <Panel title="Pending">
            <AlertTable alerts={active.filter((alert) => alert.state === 'pending')} kind="pending" canSilence={canSilence} empty="Nothing is pending" />
          </Panel>
          <Panel title="Timeline">
            <AlertTimeline />
          </Panel>
          <Panel title="Recently resolved">
            <AlertTable alerts={alerts.data.recent} kind="resolved" canSilence={false} empty="No alert resolved recently" />
          </Panel>
        </>
      ) : null}
      <Panel title="Rules">
        {rules.data ? (
          isAdmin ? (
            <RulesEditor key={JSON.stringify(rules.data.overrides)} rules={rules.data.rules} overrides={rules.data.overrides} />
          ) : (
            <ul className="text-sm" data-testid="rules-list">
              {rules.data.rules.map((rule) => (
                <li key={rule.name}>
                  <span className="font-medium">{rule.name}</span> — {rule.description}
                  {rule.effective.enabled ? '' : ' (off)'}
                </li>
              ))}
            </ul>
          )
        ) : null}
      </Panel>
      {isAdmin ? <Panel title="Webhooks">{webhooks.data ? <WebhooksPanel webhooks={webhooks.data.webhooks} /> : null}</Panel> : null}
      <Panel title="Delivery log">{deliveries.data ? <DeliveryLogTable deliveries={deliveries.data.deliveries} /> : null}</Panel>
    </div>
  );
}
