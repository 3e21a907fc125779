/**
 * The MongoDB half of EnrollmentStore (server/auth/enrollment-store.ts), used
 * by server/auth/mongodb-auth-store.ts. Every state change is one
 * findOneAndUpdate / updateOne with the old state in its filter, so concurrent
 * redeems or spends of one code have exactly one winner without transactions.
 */
import { randomUUID } from 'node:crypto';
import { ObjectId, type Db } from 'mongodb';
import type { WardCode } from '../../contracts/wards.ts';
import { isDuplicateKeyError } from '../store/mongodb-response-store.ts';
import { NameTakenError } from './auth-store.ts';
import type { EnrollmentStore, InvitationBatch, Kiosk, SpendResult } from './enrollment-store.ts';

export const KIOSKS_COLLECTION = 'kiosks';
export const INVITATION_BATCHES_COLLECTION = 'invitation_batches';
export const INVITATION_CODES_COLLECTION = 'invitation_codes';

interface KioskDocument {
  _id: string; // the kiosk id
  ward: WardCode;
  createdAt: string;
  createdOrder: ObjectId;
  enrollCodeHash?: string;
  enrollExpiresAt?: string;
  credentialHash?: string;
  enrolledAt?: string;
  revokedAt?: string;
}

interface BatchDocument {
  _id: string;
  surveyId: string;
  workplace?: string;
  createdAt: string;
  createdOrder: ObjectId;
}

/** Keyed by the code's hash and nothing time-like: an ObjectId _id would carry the creation second. */
interface CodeDocument {
  _id: string;
  surveyId: string;
  batchId: string;
  spent: boolean;
}

export async function ensureEnrollmentIndexes(db: Db): Promise<void> {
  await db.collection(KIOSKS_COLLECTION).createIndexes([
    { key: { enrollCodeHash: 1 }, name: 'enrollCodeHash_unique', unique: true, partialFilterExpression: { enrollCodeHash: { $type: 'string' } } },
    { key: { credentialHash: 1 }, name: 'credentialHash_unique', unique: true, partialFilterExpression: { credentialHash: { $type: 'string' } } },
  ]);
  await db.collection(INVITATION_BATCHES_COLLECTION).createIndexes([{ key: { surveyId: 1, createdOrder: 1 }, name: 'surveyId_createdOrder' }]);
  await db.collection(INVITATION_CODES_COLLECTION).createIndexes([{ key: { batchId: 1 }, name: 'batchId' }]);
}

export function mongoEnrollmentCollections(db: Db): EnrollmentStore {
  const kiosks = db.collection<KioskDocument>(KIOSKS_COLLECTION);
  const batches = db.collection<BatchDocument>(INVITATION_BATCHES_COLLECTION);
  const codes = db.collection<CodeDocument>(INVITATION_CODES_COLLECTION);

  return {
    async createKiosk(kiosk) {
      const document: KioskDocument = {
        _id: kiosk.kioskId,
        ward: kiosk.ward,
        createdAt: new Date().toISOString(),
        createdOrder: new ObjectId(),
        enrollCodeHash: kiosk.enrollCodeHash,
        enrollExpiresAt: kiosk.enrollExpiresAt,
      };
      try {
        await kiosks.insertOne(document);
      } catch (error) {
        if (isDuplicateKeyError(error) && (await kiosks.findOne({ _id: kiosk.kioskId }))) throw new NameTakenError('kiosk', kiosk.kioskId);
        throw error;
      }
      return kioskFromDocument(document);
    },
    async redeemEnrollment(codeHash, credentialHash, now) {
      const document = await kiosks.findOneAndUpdate(
        { enrollCodeHash: codeHash, enrollExpiresAt: { $gt: now.toISOString() }, revokedAt: { $exists: false } },
        { $set: { credentialHash, enrolledAt: now.toISOString() }, $unset: { enrollCodeHash: '', enrollExpiresAt: '' } },
        { returnDocument: 'after' },
      );
      return document ? kioskFromDocument(document) : undefined;
    },
    async findKioskByCredential(credentialHash) {
      const document = await kiosks.findOne({ credentialHash });
      return document ? kioskFromDocument(document) : undefined;
    },
    async listKiosks() {
      return (await kiosks.find().sort({ createdOrder: 1 }).toArray()).map(kioskFromDocument);
    },
    async revokeKiosk(kioskId, at) {
      const document = await kiosks.findOneAndUpdate(
        { _id: kioskId },
        [{ $set: { revokedAt: { $ifNull: ['$revokedAt', at.toISOString()] } } }, { $unset: ['enrollCodeHash', 'enrollExpiresAt'] }],
        { returnDocument: 'after' },
      );
      return document ? kioskFromDocument(document) : undefined;
    },

    async createInvitations(batch) {
      const document: BatchDocument = { _id: randomUUID(), surveyId: batch.surveyId, createdAt: new Date().toISOString(), createdOrder: new ObjectId() };
      if (batch.workplace !== undefined) document.workplace = batch.workplace;
      await batches.insertOne(document);
      if (batch.codeHashes.length > 0) {
        await codes.insertMany(batch.codeHashes.map((hash) => ({ _id: hash, surveyId: batch.surveyId, batchId: document._id, spent: false })));
      }
      return batchView(document, batch.codeHashes.length, 0);
    },
    async invitationStatus(surveyId, codeHash) {
      const document = await codes.findOne({ _id: codeHash, surveyId });
      return document === null ? 'unknown' : document.spent ? 'spent' : 'unused';
    },
    async spendInvitation(surveyId, codeHash): Promise<SpendResult> {
      const spent = await codes.findOneAndUpdate({ _id: codeHash, surveyId, spent: false }, { $set: { spent: true } });
      if (spent) return 'spent';
      return (await codes.findOne({ _id: codeHash, surveyId })) ? 'already-spent' : 'unknown';
    },
    async unspendInvitation(surveyId, codeHash) {
      await codes.updateOne({ _id: codeHash, surveyId }, { $set: { spent: false } });
    },
    async listInvitationBatches(surveyId) {
      const found = await batches.find({ surveyId }).sort({ createdOrder: 1 }).toArray();
      const counts = await codes
        .aggregate<{ _id: string; count: number; spent: number }>([
          { $match: { batchId: { $in: found.map((batch) => batch._id) } } },
          { $group: { _id: '$batchId', count: { $sum: 1 }, spent: { $sum: { $cond: ['$spent', 1, 0] } } } },
        ])
        .toArray();
      const byBatch = new Map(counts.map((entry) => [entry._id, entry]));
      return found.map((batch) => batchView(batch, byBatch.get(batch._id)?.count ?? 0, byBatch.get(batch._id)?.spent ?? 0));
    },
  };
}

function batchView(document: BatchDocument, count: number, spent: number): InvitationBatch {
  const view: InvitationBatch = { id: document._id, surveyId: document.surveyId, createdAt: document.createdAt, count, spent };
  if (document.workplace !== undefined) view.workplace = document.workplace;
  return view;
}

function kioskFromDocument(document: KioskDocument): Kiosk {
  const kiosk: Kiosk = { kioskId: document._id, ward: document.ward, createdAt: document.createdAt };
  if (document.enrollExpiresAt !== undefined) kiosk.enrollExpiresAt = document.enrollExpiresAt;
  if (document.enrolledAt !== undefined) kiosk.enrolledAt = document.enrolledAt;
  if (document.revokedAt !== undefined) kiosk.revokedAt = document.revokedAt;
  return kiosk;
}
