/** A resolver team: agents who share a queue, led by a manager who receives escalations. */
export interface Group {
  id: string;
  name: string;
  description: string;
  managerId: string | null;
  memberIds: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}
