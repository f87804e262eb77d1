'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertTransition, AlertView, DeliveryAttempt, RuleOverrides, RuleView, WebhookEdit, WebhookView } from '@/lib/alerts';
import { POLL_INTERVAL_MS, useApi } from './hooks';

const sendJson = (method: 'POST' | 'PUT', body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function useAlerts() {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.alerts(),
    queryFn: () => api.fetch<{ active: AlertView[]; recent: AlertView[] }>('/api/alerts'),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

/** The latest state changes (up to 500), for the timeline; polled less often than the alerts themselves. */
export function useAlertHistory() {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.alertHistory(),
    queryFn: () => api.fetch<{ transitions: AlertTransition[] }>('/api/alerts/history?limit=500'),
    refetchInterval: 15_000,
  });
}

export function useAlertRules() {
  const api = useApi();
  return useQuery({ queryKey: api.keys.alertRules(), queryFn: () => api.fetch<{ rules: RuleView[]; overrides: RuleOverrides }>('/api/alerts/rules') });
}

export function useWebhooks(enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: api.keys.webhooks(), queryFn: () => api.fetch<{ webhooks: WebhookView[] }>('/api/alerts/webhooks'), enabled });
}

export function useDeliveries() {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.deliveries(),
    queryFn: () => api.fetch<{ deliveries: DeliveryAttempt[] }>('/api/alerts/deliveries?limit=50'),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

export function useSilenceAlert() {
  const client = useQueryClient();
  const api = useApi();
  return useMutation({
    mutationFn: ({ id, minutes }: { id: string; minutes: number }) =>
      api.fetch<{ id: string; silencedUntil: number | null }>(`/api/alerts/${encodeURIComponent(id)}/silence`, sendJson('POST', { minutes })),
    onSuccess: () => client.invalidateQueries({ queryKey: api.keys.alerts() }),
  });
}

export function useSaveRules() {
  const client = useQueryClient();
  const api = useApi();
  return useMutation({
    mutationFn: (overrides: RuleOverrides) => api.fetch<{ rules: RuleView[]; overrides: RuleOverrides }>('/api/alerts/rules', sendJson('PUT', overrides)),
    onSuccess: (data) => client.setQueryData(api.keys.alertRules(), data),
  });
}

export function useSaveWebhooks() {
  const client = useQueryClient();
  const api = useApi();
  return useMutation({
    mutationFn: (webhooks: WebhookEdit[]) => api.fetch<{ webhooks: WebhookView[] }>('/api/alerts/webhooks', sendJson('PUT', { webhooks })),
    onSuccess: (data) => client.setQueryData(api.keys.webhooks(), data),
  });
}

export function useSendTestNotification() {
  const client = useQueryClient();
  const api = useApi();
  return useMutation({
    mutationFn: (webhookId?: string) => api.fetch<{ results: DeliveryAttempt[] }>('/api/alerts/webhooks/test', sendJson('POST', { webhookId })),
    onSuccess: () => client.invalidateQueries({ queryKey: api.keys.deliveries() }),
  });
}
