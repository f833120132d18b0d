# METADATA
# title: Derived views
# description: |
#   Facts about single objects that whole-environment controls aggregate, worked out once per object.
#   A scan evaluates `result` over every object and stores it as data.derived; a simulation evaluates it
#   again for the objects a change can affect (input.scope) and updates data.derived, so a control that
#   aggregates them over an environment reads a lookup instead of judging every flow again.
#   Controls must give the same answer without data.derived (opa eval, opa test): they judge inline then.
package shareguard.views

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib

# METADATA
# title: Views
# description: Ids of the flows in scope with an external owner or run-only user.
# custom:
#   reads: {users: [userType, identities, userPrincipalName, upnDomain, mailDomain]}
result := {"externalAccessFlows": [id | some id, flow in lib.flows_in_scope; flowlib.external_access(flow)]}
