import type { ImportContext } from '../context.js';
import { ENDPOINTS } from '../layout.js';

/** graph/v1.0/policies/authenticationFlowsPolicy → guestSelfServiceSignUp (selfServiceSignUp.isEnabled). */
export function readSelfServiceSignUp(ctx: ImportContext): boolean | null | undefined {
  const endpoint = ENDPOINTS.authenticationFlowsPolicy;
  const policy = ctx.raw.single(endpoint.file);
  if (!policy) {
    ctx.notCollected('externalCollaboration.guestSelfServiceSignUp', endpoint);
    return undefined;
  }
  const signUp = policy.requireObject('the authentication flows policy').at('selfServiceSignUp');
  if (signUp.isMissing) throw policy.error('expected selfServiceSignUp in the authentication flows policy (is this another endpoint\'s response?)');
  return signUp.at('isEnabled').optionalBoolean();
}

const EMAIL_OTP = { enabled: true, disabled: false, default: true } as const;

/**
 * graph/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email → emailOneTimePasscode
 * (allowExternalIdToUseEmailOtp: enabled, disabled, or default, which Microsoft has meant as enabled since 2021).
 */
export function readEmailOneTimePasscode(ctx: ImportContext): boolean | null | undefined {
  const endpoint = ENDPOINTS.emailAuthenticationMethod;
  const method = ctx.raw.single(endpoint.file);
  if (!method) {
    ctx.notCollected('externalCollaboration.emailOneTimePasscode', endpoint);
    return undefined;
  }
  method.requireObject('the email authentication method configuration');
  return method.at('allowExternalIdToUseEmailOtp').optionalOneOf(EMAIL_OTP, 'allowExternalIdToUseEmailOtp');
}
