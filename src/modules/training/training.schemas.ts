// The training module's HTTP contract: courses, versions with quizzes, competence requirements,
// assignments and attempts, the competence matrix and the completion figure.
import { Type } from 'typebox';
import { Nullable, PageQuery, Timestamp } from '../../server/http/schemas.js';
import { ROLES } from '../../shared/permissions.js';
import { ASSIGNMENT_STATUSES, COURSE_STATUSES, MAX_OPTIONS, MAX_QUESTIONS } from './training.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

const courseFields = {
  id: Type.String(),
  code: Type.String({ description: 'Short unique code, e.g. ISO20K-AWARE.' }),
  title: Type.String(),
  description: Type.String(),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  status: Type.Enum(COURSE_STATUSES),
  publishedVersion: Nullable(
    Type.Integer({ description: 'The version people are assigned; null before the first.' }),
  ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
};
export const CourseSchema = Type.Object(courseFields);

export const QuizSchema = Type.Object({
  passMark: Type.Integer({ minimum: 1, maximum: 100, description: 'Percentage needed to pass.' }),
  questions: Type.Array(
    Type.Object({
      id: Type.String({ maxLength: 40 }),
      text: Type.String({ maxLength: 500 }),
      options: Type.Array(
        Type.Object({
          id: Type.String({ maxLength: 40 }),
          text: Type.String({ maxLength: 300 }),
          correct: Type.Boolean(),
        }),
        { maxItems: MAX_OPTIONS },
      ),
    }),
    { maxItems: MAX_QUESTIONS },
  ),
});

export const LearnerQuizSchema = Type.Object({
  passMark: Type.Integer(),
  questions: Type.Array(
    Type.Object({
      id: Type.String(),
      text: Type.String(),
      multiple: Type.Boolean({ description: 'More than one option is right.' }),
      options: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
    }),
  ),
});

export const VersionSchema = Type.Object({
  number: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  changeNote: Type.String(),
  durationMinutes: Type.Integer(),
  content: Type.String({ description: 'Markdown.' }),
  link: Nullable(Type.String()),
  quiz: Nullable(QuizSchema),
  questionCount: Type.Integer(),
  passMark: Nullable(Type.Integer()),
  publishedAt: Nullable(Timestamp),
  createdAt: Timestamp,
});

export const RequirementSchema = Type.Object({
  id: Type.String(),
  courseId: Type.String(),
  role: Nullable(Type.String()),
  groupId: Nullable(Type.String()),
  groupName: Nullable(Type.String()),
  dueDays: Type.Integer(),
  mandatory: Type.Boolean(),
  createdAt: Timestamp,
});

export const CourseDetailSchema = Type.Object({
  ...courseFields,
  versions: Type.Array(VersionSchema),
  requirements: Type.Array(RequirementSchema),
});

const versionInput = {
  changeNote: Type.Optional(Type.String({ maxLength: 1000 })),
  durationMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 6000 })),
  content: Type.Optional(Type.String({ maxLength: 100_000, description: 'Markdown.' })),
  link: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  quiz: Type.Optional(Nullable(QuizSchema)),
};
export const VersionBody = Type.Object(versionInput, { additionalProperties: false });

export const CreateCourseBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 32 }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    ownerId: Type.Optional(Nullable(Type.String())),
    ...versionInput,
  },
  { additionalProperties: false },
);

export const UpdateCourseBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    ownerId: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: false },
);

export const RequirementBody = Type.Object(
  {
    role: Type.Optional(Nullable(Type.Enum(ROLES))),
    groupId: Type.Optional(Nullable(Type.String())),
    dueDays: Type.Integer({
      minimum: 0,
      maximum: 730,
      description: 'Due this many days after assignment.',
    }),
    mandatory: Type.Optional(
      Type.Boolean({ description: 'Counted by the completion KPI (default true).' }),
    ),
  },
  { additionalProperties: false },
);

const assignmentFields = {
  id: Type.String(),
  userId: Type.String(),
  userName: Type.String(),
  courseId: Type.String(),
  courseCode: Type.String(),
  courseTitle: Type.String(),
  courseVersion: Type.Integer(),
  mandatory: Type.Boolean(),
  reason: Type.Union([Type.Literal('requirement'), Type.Literal('manual')]),
  assignedAt: Timestamp,
  dueOn: Day,
  status: Type.Enum(ASSIGNMENT_STATUSES),
  overdue: Type.Boolean({ description: 'Open past its due date.' }),
  completedOn: Nullable(Day),
  completedAt: Nullable(Timestamp),
  score: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  recordedBy: Nullable(Type.String()),
  version: Type.Integer(),
};
export const AssignmentSchema = Type.Object(assignmentFields);

export const AssignmentDetailSchema = Type.Object({
  ...assignmentFields,
  durationMinutes: Type.Integer(),
  content: Type.String(),
  link: Nullable(Type.String()),
  quiz: Nullable(LearnerQuizSchema),
  attempts: Type.Array(
    Type.Object({
      id: Type.String(),
      score: Type.Integer(),
      passed: Type.Boolean(),
      at: Timestamp,
    }),
  ),
});

export const AssignmentQuery = Type.Object({
  ...PageQuery,
  userId: Type.Optional(Type.String()),
  courseId: Type.Optional(Type.String()),
  status: Type.Optional(Type.Enum(ASSIGNMENT_STATUSES)),
});

export const AssignBody = Type.Object(
  {
    userId: Type.String(),
    courseId: Type.String(),
    dueOn: Day,
    mandatory: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const AttemptBody = Type.Object(
  {
    answers: Type.Record(
      Type.String({ maxLength: 40 }),
      Type.Array(Type.String({ maxLength: 40 }), { maxItems: MAX_OPTIONS }),
      {
        description: 'Question id → the option ids chosen.',
      },
    ),
  },
  { additionalProperties: false },
);

export const AttemptSchema = Type.Object({
  score: Type.Integer(),
  passed: Type.Boolean(),
  right: Type.Integer(),
  total: Type.Integer(),
  passMark: Type.Integer(),
  assignment: AssignmentSchema,
});

export const RecordBody = Type.Object(
  {
    completedOn: Day,
    score: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100 }))),
    note: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'e.g. classroom session of 12 March',
    }),
  },
  { additionalProperties: false },
);

const Tally = Type.Object({ done: Type.Integer(), due: Type.Integer(), overdue: Type.Integer() });

export const MatrixSchema = Type.Object({
  courses: Type.Array(
    Type.Object({ id: Type.String(), code: Type.String(), title: Type.String(), totals: Tally }),
  ),
  people: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      role: Type.String(),
      cells: Type.Array(
        Type.Object({
          courseId: Type.String(),
          state: Type.Union([
            Type.Literal('done'),
            Type.Literal('due'),
            Type.Literal('overdue'),
            Type.Literal('not-required'),
          ]),
          date: Nullable(Day),
          assignmentId: Nullable(Type.String()),
        }),
      ),
      totals: Tally,
    }),
  ),
  totals: Tally,
});

export const MatrixQuery = Type.Object({
  groupId: Type.Optional(Type.String()),
  role: Type.Optional(Type.Enum(ROLES)),
});

const Figure = {
  due: Type.Integer({ description: 'Mandatory assignments due in the period.' }),
  completedOnTime: Type.Integer({
    description: 'Of those, completed on or before their due date.',
  }),
  rate: Nullable(Type.Number({ description: 'completedOnTime / due × 100, one decimal.' })),
};
export const CompletionSchema = Type.Object({
  ...Figure,
  byGroup: Type.Array(Type.Object({ ...Figure, groupId: Type.String(), groupName: Type.String() })),
});

export const CompletionQuery = Type.Object({ from: Day, to: Day });
