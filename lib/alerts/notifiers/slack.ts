import type { Alert } from '../types';
import type { AlertGroup, Notifier } from './types';

/** Slack mrkdwn treats &, < and > as markup; queue names are user data. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ICON: Record<Alert['severity'], string> = { critical: ':red_circle:', warning: ':large_orange_circle:', info: ':information_source:' };

function line(alert: Alert, resolved: boolean): string {
  return `${resolved ? ':white_check_mark:' : ICON[alert.severity]} ${escapeSlack(alert.summary)}`;
}

/** A Slack incoming-webhook message: `text` for notifications, `blocks` for the channel. */
export const slackNotifier: Notifier = {
  format: 'slack',
  render(group: AlertGroup, _webhook, { externalUrl }) {
    const resolved = group.status === 'resolved';
    const title = `[${resolved ? 'RESOLVED' : 'FIRING'}:${group.alerts.length}] ${group.rule}`;
    const lines = group.alerts.map((alert) => line(alert, resolved));
    return [
      {
        text: `${title}\n${lines.join('\n')}`,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: title } },
          { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
          { type: 'context', elements: [{ type: 'mrkdwn', text: `<${externalUrl}/alerts|Open Lookout alerts>` }] },
        ],
      },
    ];
  },
};
