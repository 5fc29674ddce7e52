import { execFileSync } from 'node:child_process';
import { createSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SnsMessage } from '../../src/inbound/verify-sns-message.ts';

export const CERT_URL = 'https://sns.ap-northeast-2.amazonaws.com/SimpleNotificationService-gazette-test.pem';
export const TOPIC = 'arn:aws:sns:ap-northeast-2:123456789012:gazette-bounces';

/** A key and a self-signed X.509 certificate standing in for Amazon's signing certificate. */
export function testSigner(): {
  certificate: string;
  sign(message: Omit<SnsMessage, 'Signature'>): SnsMessage;
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-sns-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=sns.amazonaws.com',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const key = readFileSync(path.join(dir, 'key.pem'), 'utf8');
    const certificate = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    return {
      certificate,
      sign(message) {
        const keys =
          message.Type === 'Notification'
            ? [
                'Message',
                'MessageId',
                ...(message.Subject === undefined ? [] : ['Subject']),
                'Timestamp',
                'TopicArn',
                'Type',
              ]
            : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
        const text = keys.map((k) => `${k}\n${String((message as Record<string, unknown>)[k])}\n`).join('');
        const algorithm = message.SignatureVersion === '2' ? 'RSA-SHA256' : 'RSA-SHA1';
        return { ...message, Signature: createSign(algorithm).update(text).sign(key, 'base64') };
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An SNS Notification carrying an SES message. */
export function snsNotification(id: string, ses: unknown): Omit<SnsMessage, 'Signature'> {
  return {
    Type: 'Notification',
    MessageId: id,
    TopicArn: TOPIC,
    Message: JSON.stringify(ses),
    Timestamp: '2026-12-01T00:00:09.000Z',
    SignatureVersion: '2',
    SigningCertURL: CERT_URL,
  };
}
