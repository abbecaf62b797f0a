import { randomUUID } from 'node:crypto';
import { createInProcessJobQueue, loadWorkerConfig } from '@finsync/shared';
import { reportPeriod, sampleReportInput, seedSampleHousehold } from '@finsync/shared/reports';
import { recordNotification } from '@finsync/shared/sync';
import { createTestDatabase, type TestDatabase } from '@finsync/test-support';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MailTransport, OutgoingMail } from '../src/mail/mail-transport.ts';
import { registerReportProcessors } from '../src/reports/register-report-processors.ts';

const asOf = new Date('2026-11-02T12:00:00Z');
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase(inject('pgTemplate'));
});
afterAll(async () => {
  await t?.drop();
});

describe('registerReportProcessors', () => {
  it('wires report generation, sending, and the sweep that sends rows other parts record', async () => {
    const sent: OutgoingMail[] = [];
    const transport: MailTransport = {
      send: async (mail) => {
        sent.push(mail);
        return { messageId: `m${sent.length}` };
      },
    };
    const queue = createInProcessJobQueue();
    const config = loadWorkerConfig({});
    registerReportProcessors(queue, { db: t.db, config, transport, now: () => asOf });
    await queue.start();
    const input = sampleReportInput(reportPeriod('monthly', asOf, 'America/New_York'), asOf);
    const { userId } = await seedSampleHousehold(t.db, input, {
      notificationPrefs: { reauth_required: true },
    });

    await queue.enqueue('generate-report', { userId, kind: 'monthly' });
    await queue.idle();
    expect(sent.map((m) => m.subject)).toEqual(['Your monthly report is ready']);
    const report = await t.db
      .selectFrom('reports')
      .select(['kind', 'period_start', 'pdf_bytes'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(report).toMatchObject({ kind: 'monthly', period_start: '2026-10-01' });
    expect(report.pdf_bytes).toBeGreaterThan(10_000);

    const itemId = randomUUID();
    await recordNotification(t.db, {
      userId,
      kind: 'reauth_required',
      idempotencyKey: `reauth_required:login_required:${itemId}:x`,
      payload: { itemId },
    });
    await queue.enqueue('dispatch-notifications', {});
    await queue.idle();
    await queue.enqueue('dispatch-notifications', {});
    await queue.idle();
    expect(sent.map((m) => m.subject)).toEqual([
      'Your monthly report is ready',
      'A bank connection needs your attention',
    ]);
    await queue.close();
  });
});
