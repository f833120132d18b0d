import type {
  RawAddGroupMember,
  RawAssignEnvironmentRole,
  RawChange,
  RawInvite,
  RawRedeem,
  RawSet,
  RawShareFlow,
  RawShareSite,
  RawUnshareFlow,
} from './types.js';
import { fieldsOf, type FieldRecord } from '../schema/type-fields.js';

/**
 * The hand-written Raw* change types (types.ts), seen at run time so that a test can hold them against
 * schemas/changes.schema.json (test/unit/simulate/raw-types.test.ts); see schema/type-fields.ts.
 */
const fields = fieldsOf;

export const RAW_CHANGE_FIELDS: Record<RawChange['action'], FieldRecord> = {
  invite: fields<RawInvite>({
    all: { action: true, actor: true, email: true, displayName: true, userType: true, groups: true },
    required: { action: true, actor: true, email: true },
  }),
  redeem: fields<RawRedeem>({ all: { action: true, user: true, identityIssuer: true }, required: { action: true, user: true, identityIssuer: true } }),
  'share-flow': fields<RawShareFlow>({
    all: { action: true, actor: true, flow: true, principal: true, role: true },
    required: { action: true, actor: true, flow: true, principal: true, role: true },
  }),
  'unshare-flow': fields<RawUnshareFlow>({
    all: { action: true, actor: true, flow: true, principal: true, role: true },
    required: { action: true, actor: true, flow: true, principal: true, role: true },
  }),
  'add-group-member': fields<RawAddGroupMember>({
    all: { action: true, actor: true, group: true, principal: true },
    required: { action: true, group: true, principal: true },
  }),
  'assign-environment-role': fields<RawAssignEnvironmentRole>({
    all: { action: true, actor: true, environment: true, principal: true, role: true },
    required: { action: true, environment: true, principal: true, role: true },
  }),
  'share-site': fields<RawShareSite>({
    all: { action: true, actor: true, site: true, item: true, path: true, recipient: true, link: true, permission: true },
    required: { action: true, actor: true, site: true },
  }),
  set: fields<RawSet>({ all: { action: true, path: true, value: true }, required: { action: true, path: true, value: true } }),
};
