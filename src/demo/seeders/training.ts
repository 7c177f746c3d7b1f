// Demo training and competence (7.2, 7.3): seven courses with a short quiz, requirements by role
// and by group, and three months of completions so that the employee training completion of the
// last 90 days reads exactly 95.0% — 38 of 40 mandatory assignments done by their due date, one
// done late and one still overdue — whatever the day the demo is seeded. The version 2 of the
// incident course, published a few days ago, leaves the service desk three assignments due in
// the coming weeks, and an optional course is open for the e-commerce team.
//
// Everything is done through the training service as the people would (so it is audited); the
// service always stamps the present, so the dates of that history are moved back afterwards.
import type { Quiz } from '../../modules/training/training.js';
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { Role } from '../../shared/permissions.js';
import type { DemoWorkspace } from '../demo.js';

const DAY = 86_400_000;
const ALL_ROLES: Role[] = ['admin', 'manager', 'agent', 'auditor', 'requester'];

interface DemoCourse {
  handle: string;
  code: string;
  title: string;
  description: string;
  minutes: number;
  content: string;
  quiz: Quiz;
  roles?: Role[];
  groups?: string[];
  dueDays: number;
  mandatory?: boolean;
}

const q = (id: string, text: string, right: string[], wrong: string[]) => ({
  id,
  text,
  options: [
    ...right.map((t, i) => ({ id: `r${i + 1}`, text: t, correct: true })),
    ...wrong.map((t, i) => ({ id: `w${i + 1}`, text: t, correct: false })),
  ],
});

const COURSES: DemoCourse[] = [
  {
    handle: 'awareness',
    code: 'ISO20K-AWARE',
    title: 'ISO/IEC 20000 awareness',
    description:
      'What our service management system is, why we are certified, and your part in it.',
    minutes: 25,
    content: `# Why we run a service management system

Maison Verlaine runs its IT services under a **service management system** certified against ISO/IEC 20000-1. It is how we promise boutiques, head office and online customers a service, keep that promise, and prove it.

## What it means for you

- Every incident, request and change goes through Meridian: if it is not recorded, it did not happen.
- Policies and procedures are in the document register; read the ones your role is asked to acknowledge.
- Auditors may ask you how you work: show them the records.

## Where to find help

Ask the SMS manager, Claire Dubois, or read the service management policy.`,
    quiz: {
      passMark: 60,
      questions: [
        q(
          'q1',
          'Where must every incident be recorded?',
          ['In Meridian'],
          ['In an e-mail', 'Nowhere, if it is fixed quickly'],
        ),
        q(
          'q2',
          'Who can answer your questions on the management system?',
          ['The SMS manager'],
          ['The auditor only', 'Nobody'],
        ),
        q(
          'q3',
          'What do auditors look at to see how we work?',
          ['Our records'],
          ['Our intentions', 'The office layout'],
        ),
      ],
    },
    roles: ALL_ROLES,
    dueDays: 30,
  },
  {
    handle: 'security',
    code: 'SEC-ESSENTIALS',
    title: 'Information security essentials',
    description: 'Passwords, phishing, clean desks and reporting a security incident.',
    minutes: 20,
    content: `# Information security essentials

- Use a password manager and never share a password, even with IT.
- Report a suspicious e-mail with the **Report phishing** button; do not open its attachments.
- Lock your screen when you leave your desk or the till.
- A lost device or a suspected breach is a **security incident**: raise it at once in Meridian.`,
    quiz: {
      passMark: 60,
      questions: [
        q(
          'q1',
          'IT asks for your password by e-mail. What do you do?',
          ['Refuse and report the e-mail'],
          ['Send it', 'Send half of it'],
        ),
        q(
          'q2',
          'You lost your work phone. What is it?',
          ['A security incident to raise at once'],
          ['Nothing to report', 'A request for next month'],
        ),
        q(
          'q3',
          'What do you do when leaving the till?',
          ['Lock the screen'],
          ['Leave it open for a colleague'],
        ),
      ],
    },
    roles: ALL_ROLES,
    dueDays: 30,
  },
  {
    handle: 'incident',
    code: 'INC-PROCESS',
    title: 'Incident process for agents',
    description: 'Logging, categorising, prioritising, escalating and resolving incidents.',
    minutes: 40,
    content: `# The incident process

1. **Log** every contact as a ticket, with the service and the category.
2. **Prioritise** from impact and urgency; the SLA clock starts at once.
3. **Escalate** functionally to the resolver group when you cannot fix it, hierarchically when the SLA is at risk.
4. **Resolve** with a clear resolution note, and let the requester confirm.

A major incident (highest impact) is declared by the duty manager and gets its own review.`,
    quiz: {
      passMark: 60,
      questions: [
        q(
          'q1',
          'What sets the priority of an incident?',
          ['Impact and urgency'],
          ['Who is asking', 'The time of day'],
        ),
        q(
          'q2',
          'When do you escalate to the resolver group?',
          ['When the desk cannot fix it'],
          ['Never', 'Only on Fridays'],
        ),
        q(
          'q3',
          'Which of these belong in a resolution note?',
          ['What was wrong', 'What was done'],
          ['Your lunch plans'],
        ),
      ],
    },
    groups: ['servicedesk'],
    dueDays: 14,
  },
  {
    handle: 'major',
    code: 'INC-MAJOR',
    title: 'Major incident management',
    description: 'Declaring a major incident, the bridge, communications and the review.',
    minutes: 30,
    content: `# Major incidents

A **major incident** stops a service for many customers or a whole boutique. The duty manager declares it, opens the bridge and names a communications lead. Updates go to stakeholders every 30 minutes. After resolution a major incident review finds the causes and the improvements.`,
    quiz: {
      passMark: 60,
      questions: [
        q('q1', 'Who declares a major incident?', ['The duty manager'], ['Any customer']),
        q(
          'q2',
          'How often do stakeholders get an update?',
          ['Every 30 minutes'],
          ['Once a day', 'Never'],
        ),
        q('q3', 'What follows a major incident?', ['A review'], ['Nothing']),
      ],
    },
    groups: ['servicedesk'],
    dueDays: 21,
  },
  {
    handle: 'change',
    code: 'CHG-CAB',
    title: 'Change process for CAB members',
    description: 'Assessing risk, approving, scheduling around freezes and reviewing changes.',
    minutes: 35,
    content: `# The change advisory board

The CAB assesses normal changes of medium and high risk on Tuesdays. Check the **risk**, the **back-out plan** and the **change calendar** (no changes during the winter sales freeze). Emergency changes go to the emergency CAB. Every change is reviewed after implementation.`,
    quiz: {
      passMark: 60,
      questions: [
        q('q1', 'When does the CAB meet?', ['On Tuesdays'], ['Never', 'Every hour']),
        q('q2', 'What must a change to production have?', ['A back-out plan'], ['A party']),
        q('q3', 'Who approves an emergency change?', ['The emergency CAB'], ['The requester']),
      ],
    },
    groups: ['cab'],
    dueDays: 21,
  },
  {
    handle: 'data',
    code: 'DATA-BOUTIQUE',
    title: 'Customer data in the boutiques',
    description:
      'Handling client files, consent and data subject requests in store and at the desk.',
    minutes: 15,
    content: `# Customer data

- Collect only what the client agrees to, and record their consent.
- Never photograph or print client files.
- A client asking to see or erase their data: raise a request in Meridian the same day.`,
    quiz: {
      passMark: 60,
      questions: [
        q(
          'q1',
          'A client asks to erase their data. What do you do?',
          ['Raise a request the same day'],
          ['Ignore it'],
        ),
        q('q2', 'May you print a client file to take home?', ['No'], ['Yes']),
        q('q3', 'What do you record with the data?', ['The client’s consent'], ['Their star sign']),
      ],
    },
    roles: ['requester', 'agent'],
    dueDays: 30,
  },
  {
    handle: 'sms',
    code: 'SMS-ROLES',
    title: 'SMS roles and responsibilities',
    description: 'Who owns what in the management system: policy, processes, audits and reviews.',
    minutes: 20,
    content: `# Roles in the management system

Top management sets the **service management policy** and holds the management review. The SMS manager runs the programme. Process owners keep their processes working and measured. Internal auditors audit areas other than their own.`,
    quiz: {
      passMark: 60,
      questions: [
        q('q1', 'Who holds the management review?', ['Top management'], ['The newest agent']),
        q('q2', 'May an auditor audit their own area?', ['No'], ['Yes']),
        q('q3', 'Who keeps a process working and measured?', ['Its process owner'], ['Nobody']),
      ],
    },
    roles: ['manager', 'admin', 'auditor'],
    dueDays: 30,
  },
  {
    handle: 'problem',
    code: 'PRB-ANALYSIS',
    title: 'Problem analysis techniques',
    description: 'Optional: five whys, fishbone diagrams and fault trees for root causes.',
    minutes: 45,
    content: `# Finding root causes

Ask **why** five times; draw the fishbone of people, process, technology and suppliers; and check each cause against the facts before acting on it.`,
    quiz: {
      passMark: 60,
      questions: [
        q('q1', 'How many times does the classic method ask why?', ['Five'], ['One']),
        q('q2', 'What do you check a supposed cause against?', ['The facts'], ['Your instinct']),
      ],
    },
    groups: ['ecommerce'],
    dueDays: 60,
    mandatory: false,
  },
];

/** The right answers of a quiz, as a learner who passes gives them. */
const rightAnswers = (quiz: Quiz) =>
  Object.fromEntries(
    quiz.questions.map((question) => [
      question.id,
      question.options.filter((o) => o.correct).map((o) => o.id),
    ]),
  );

export async function seedTraining(services: Services, workspace: DemoWorkspace): Promise<void> {
  const { training, db, clock } = services;
  const actorOf = (handle: string): Actor => {
    const u = workspace.users[handle];
    if (!u) throw new Error(`demo user ${handle} is missing`);
    return { id: u.id, name: u.name, role: u.role as Actor['role'] };
  };
  const manager = actorOf('manager');
  const todayMs = Date.parse(`${clock.now().toISOString().slice(0, 10)}T00:00:00.000Z`);
  const day = (offset: number) => new Date(todayMs + offset * DAY).toISOString().slice(0, 10);
  const at = (offset: number, hour: number) =>
    new Date(todayMs + offset * DAY + hour * 3_600_000).toISOString();

  const courses = new Map<string, { id: string; version: number }>();
  for (const c of COURSES) {
    const created = await training.createCourse(manager, {
      code: c.code,
      title: c.title,
      description: c.description,
      ownerId: manager.id,
      durationMinutes: c.minutes,
      content: c.content,
      quiz: c.quiz,
      changeNote: 'First version.',
    });
    const published = await training.publish(manager, created.id, created.version);
    courses.set(c.handle, { id: created.id, version: published.version });
  }
  // Requirements only for the mandatory courses now: their history is moved into the past below.
  for (const c of COURSES.filter((k) => k.mandatory !== false)) {
    const id = courses.get(c.handle)?.id as string;
    for (const role of c.roles ?? [])
      await training.addRequirement(manager, id, { role, dueDays: c.dueDays, mandatory: true });
    for (const g of c.groups ?? []) {
      const groupId = workspace.groups[g]?.id;
      if (groupId)
        await training.addRequirement(manager, id, {
          groupId,
          dueDays: c.dueDays,
          mandatory: true,
        });
    }
  }

  // Forty mandatory assignments, due between 80 and 5 days ago.
  const assignments = [];
  for (let cursor: string | undefined; ; ) {
    const page = await training.list(manager, {}, { limit: 200, cursor });
    assignments.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const byPerson = (userId: string) =>
    Object.entries(workspace.users).find(([, u]) => u.id === userId)?.[0] ?? '';
  const handleOfCourse = new Map([...courses].map(([h, c]) => [c.id, h]));
  const ordered = assignments
    .map((a) => ({ a, person: byPerson(a.userId), course: handleOfCourse.get(a.courseId) ?? '' }))
    .sort((x, y) => `${x.course}|${x.person}`.localeCompare(`${y.course}|${y.person}`));
  for (const [i, { a, person, course }] of ordered.entries()) {
    const spec = COURSES.find((c) => c.handle === course) as DemoCourse;
    const late = course === 'security' && person === 'agent3';
    const overdue = course === 'data' && person === 'requester3';
    const due = late ? -40 : overdue ? -12 : -(5 + ((i * 37) % 76));
    const done = late ? due + 4 : due - (1 + (i % 5));
    const learner = actorOf(person);
    if (!overdue) {
      // One learner failed the awareness quiz once before passing it.
      if (course === 'awareness' && person === 'requester2')
        await training.attempt(learner, a.id, { q1: ['w1'], q2: ['w1'], q3: ['r1'] });
      await training.attempt(learner, a.id, rightAnswers(spec.quiz));
    }
    await db
      .updateTable('training_assignments')
      .set({
        assigned_at: at(due - spec.dueDays, 8),
        created_at: at(due - spec.dueDays, 8),
        due_on: day(due),
        ...(overdue
          ? { updated_at: at(due - spec.dueDays, 8) }
          : { completed_on: day(done), completed_at: at(done, 14), updated_at: at(done, 14) }),
      })
      .where('id', '=', a.id)
      .execute();
    if (!overdue) {
      const attempts = await db
        .selectFrom('training_attempts')
        .select('id')
        .where('assignment_id', '=', a.id)
        .orderBy('id')
        .execute();
      for (const [k, attempt] of attempts.entries())
        await db
          .updateTable('training_attempts')
          .set({ created_at: at(done, 13 + k) })
          .where('id', '=', attempt.id)
          .execute();
    }
  }
  await db
    .updateTable('training_courses')
    .set({ created_at: at(-110, 9), updated_at: at(-100, 9) })
    .execute();
  await db
    .updateTable('training_course_versions')
    .set({ created_at: at(-110, 9), published_at: at(-100, 9) })
    .execute();
  await db
    .updateTable('training_requirements')
    .set({ created_at: at(-100, 10) })
    .execute();

  // Today: the optional course for the e-commerce team, and version 2 of the incident course
  // (published with the major incident lessons), due in the coming weeks for the service desk.
  const problem = COURSES.find((c) => c.handle === 'problem') as DemoCourse;
  const ecommerce = workspace.groups.ecommerce?.id;
  if (ecommerce)
    await training.addRequirement(manager, courses.get('problem')?.id as string, {
      groupId: ecommerce,
      dueDays: problem.dueDays,
      mandatory: false,
    });
  const incident = courses.get('incident') as { id: string; version: number };
  const current = await training.getCourse(manager, incident.id);
  const started = await training.startVersion(manager, incident.id, current.version, {
    changeNote: 'Major incidents: when to declare one and who to call.',
    content: `${COURSES.find((c) => c.handle === 'incident')?.content}\n\n## New in version 2\n\nCall the duty manager on the bridge number as soon as a whole boutique or the storefront is down.`,
  });
  await training.publish(manager, incident.id, started.version);
}
