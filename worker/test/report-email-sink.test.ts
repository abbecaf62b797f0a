import {
  buildReportSummary,
  reportPeriod,
  sampleReportInput,
  seedSampleHousehold,
} from '@finsync/shared/reports';
import { until } from '@finsync/test-support';
import { describe, expect, it } from 'vitest';
import type { MailTransport } from '../src/mail/mail-transport.ts';
import { createSendgridTransport } from '../src/mail/sendgrid-transport.ts';
import { createGenerateReportProcessor } from '../src/reports/generate-report.ts';
import { findLeaks } from './email-content-scan.ts';
import { useMailSink } from './mail-sink-harness.ts';

const TZ = 'America/New_York';
const asOf = new Date('2026-11-02T12:00:00Z');
const mail = useMailSink();

describe('report email through BullMQ, PostgreSQL and the SendGrid sink', () => {
  it('sends exactly one link-only email per report although the job runs twice and the provider first fails', async () => {
    const { t } = mail;
    const email = mail.newAddress('owner');
    const input = sampleReportInput(reportPeriod('weekly', asOf, TZ, 1), asOf);
    const { userId } = await seedSampleHousehold(t.db, input, { email });

    const sink = mail.sinkTransport();
    // Nothing listens on port 9: the first send fails like an unreachable provider and must be retried.
    const unreachable = createSendgridTransport({
      apiKey: 'SG.test-key',
      baseUrl: 'http://127.0.0.1:9',
      timeoutMs: 2_000,
    });
    let calls = 0;
    const flaky: MailTransport = { send: (mail) => (++calls === 1 ? unreachable : sink).send(mail) };

    const now = () => asOf;
    const queue = await mail.startQueue({
      now,
      from: 'reports@finsync.local',
      transport: flaky,
      register: (queue) =>
        queue.register(
          'generate-report',
          createGenerateReportProcessor({ db: t.db, queue, now, sendRetry: { attempts: 5, backoffMs: 200 } }),
        ),
    });
    // The same report job twice, as a retry or a duplicate schedule tick would run it.
    await queue.enqueue('generate-report', { userId, kind: 'weekly' });
    await queue.enqueue('generate-report', { userId, kind: 'weekly' });

    const row = await until(async () => {
      const n = await t.db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return n?.status === 'sent' ? n : undefined;
    });
    await until(async () => {
      const reports = await t.db
        .selectFrom('reports')
        .select('generated_at')
        .where('user_id', '=', userId)
        .execute();
      return reports.length === 1 ? reports : undefined;
    });
    await new Promise((r) => setTimeout(r, 1_500)); // time for a wrongful second send to show up
    const mine = await mail.inbox(email);
    expect(mine).toHaveLength(1);
    expect(calls).toBe(2);
    expect(row).toMatchObject({ attempts: 2, provider_message_id: mine[0]!.id, kind: 'report_ready' });
    expect(
      await t.db.selectFrom('notifications').select('id').where('user_id', '=', userId).execute(),
    ).toHaveLength(1);

    const message = mine[0]!;
    expect(message.subject).toBe('Your weekly report is ready');
    expect(message.attachments).toEqual([]);
    const body = message.content.map((c) => c.value).join('\n');
    expect(body).toMatch(/http:\/\/localhost:5173\/reports\/[0-9a-f-]{36}\?t=\d+\.[\w-]{43}/);
    const summary = buildReportSummary(input);
    const names = [...input.transactions.map((x) => x.name), ...input.accounts.map((a) => a.name)];
    expect(findLeaks(`${message.subject}\n${body}`, [summary], names)).toEqual([]);
  });
});
