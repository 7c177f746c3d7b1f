// The Markdown bodies of the demo's controlled documents (Maison Verlaine's SMS), in our own words.

export const SCOPE = `# Scope of the service management system

Maison Verlaine runs its service management system (SMS) for the IT services that support selling:
the **storefront**, **payments**, **point of sale** in the Paris, Milan and London boutiques,
**CRM**, **email** and the **warehouse** systems.

## Included
- Verlaine IT, the service desk and the resolver groups (E-commerce Platform, Payments, Store Systems)
- Services delivered to the boutiques, the e-commerce department and head office
- External suppliers: the payment acquirer, the hosting provider and the courier integration

## Excluded from the services (not from the requirements)
- Manufacturing systems of the ateliers, run by the parent company's IT

## Interfaces
The group security office sets the information security baseline; Verlaine IT applies it.
`;

export const SCOPE_V1 = `# Scope of the service management system

The SMS covers the storefront, payments and point of sale services run by Verlaine IT for the
boutiques and the web shop.
`;

export const SMS_POLICY = `# Service management policy

Verlaine IT commits to services that let every boutique and the web shop sell without interruption.

## Our commitments
1. Meet the service levels agreed with the business, and report on them monthly.
2. Fulfil the requirements of ISO/IEC 20000-1 and improve the SMS continually.
3. Assess every change for risk to the selling day before it is made.
4. Give every member of staff the knowledge their role needs.

## Roles
- The **SMS manager** (Claire Dubois) owns this policy and the SMS.
- The **IT director** (Hélène Marchand) approves the policy and provides resources.

This policy is communicated to all staff and acknowledged by them.
`;

export const OBJECTIVES = `# Service management objectives 2026

- **Resolution within SLA**: 95% of P1 and P2 incidents resolved in time.
- **Customer satisfaction**: average survey score of 4.2 or more.
- **Successful changes**: 97% of changes without an incident caused.
- **Recurring incidents**: every trend of five or more incidents gets a problem record.
`;

export const SMS_PLAN = `# Service management plan

## Purpose
How Verlaine IT establishes, runs and improves the SMS in 2026.

## Milestones
1. Gap assessment against ISO/IEC 20000-1 (done in February)
2. Policies and processes approved (April)
3. Internal audit (September)
4. Certification audit (November)
`;

export const CHANGE_POLICY = `# Change management policy

## Purpose
Protect the selling day: no change reaches a live service without an assessment of its risk.

## Rules
- Every change is recorded in Meridian before work starts.
- **Standard changes** follow an approved template and need no further approval.
- **Normal changes** are assessed and approved by the change advisory board (CAB).
- **Emergency changes** are approved by the on-call manager and reviewed by the CAB afterwards.
- No change to the storefront or payments during a declared freeze window (sales, year end).

## Changes with major impact
The removal of a service, or a change that could have a major impact on customers, is handled as
a new or changed service through the design and transition process.
`;

export const CHANGE_POLICY_V1 = `# Change management policy

Every change to a live service is recorded and approved before it is made.
`;

export const INFOSEC_POLICY = `# Information security policy

Verlaine IT protects the confidentiality, integrity and availability of customer, payment and
employee information.

- Card data never leaves the payment provider; the storefront keeps tokens only.
- Access is granted on request and approval, and reviewed every quarter.
- Security incidents are reported to the service desk at once and handled as P1.
`;

export const CONTINUITY_PLAN = `# Service continuity plan

## Scenarios
1. Loss of the primary hosting region
2. Payment acquirer unavailable
3. Boutique network outage

## Targets
- Storefront: restored within 4 hours, no more than 15 minutes of orders lost.
- Point of sale: offline mode for up to 24 hours.

## Tests
The plan is tested twice a year; results are recorded in the continuity test log.
`;

export const INCIDENT_PROCESS = `# Incident management process

## Purpose
Restore normal service as quickly as possible and keep the boutiques informed.

## Steps
1. **Log** every incident in Meridian, by phone, email or the portal.
2. **Classify** it by service and category; set impact and urgency, which give the priority.
3. **Assign** it to the resolver group of the service.
4. **Investigate and restore**; search known errors for a workaround first.
5. **Resolve** with a resolution code and notes; the requester confirms.
6. **Close** after the reopen window.

## Major incidents
A P1 affecting several boutiques or the web shop is declared a major incident: see the major
incident procedure.

## Measures
- Resolution within the SLA target, by priority
- First contact resolution
`;

export const MAJOR_INCIDENT_PROCEDURE = `# Major incident procedure

1. The desk declares the major incident in Meridian and opens the bridge call.
2. The incident manager names a technical lead and a communications lead.
3. Boutiques receive an update every 30 minutes until service is restored.
4. A problem record is opened for the root cause within one working day.
`;

export const CHANGE_PROCESS = `# Change management process

## Steps
1. **Request**: the change is raised with its reason, services, plan and back-out plan.
2. **Assess**: risk and impact, conflicts with the change calendar and freeze windows.
3. **Approve**: by the CAB for normal changes; standard changes are pre-approved.
4. **Build and test**, then **implement** in the agreed window.
5. **Review**: success, incidents caused, lessons learned.

## Roles
- Change manager: runs the CAB and keeps the change calendar.
- Change owner: plans and implements the change.
`;

export const PROBLEM_PROCESS = `# Problem management process

## Steps
1. Identify problems from incident trends and major incidents.
2. Investigate the root cause (five whys, fishbone).
3. Record known errors with their workaround for the desk.
4. Raise a change to remove the cause.

*Draft: the CAB link is still being discussed.*
`;
