import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ChangeCalendarService } from './change-calendar.service.js';

export const changeCalendarRoutes: FastifyPluginAsyncTypebox<{
  changeCalendar: ChangeCalendarService;
}> = async (_app, { changeCalendar }) => {
  void changeCalendar;
};
