// Shared large research instruments: the public catalogue, an instrument and its booking form, my
// bookings, a booking (approval, use and fee, rating, printable statement), the manager's view.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

export default defineFeature({
  routes: [
    {
      path: '/instruments',
      page: lazyPage(() => import('./pages/InstrumentListPage.tsx'), 'InstrumentListPage'),
    },
    {
      path: '/instruments/bookings',
      page: lazyPage(() => import('./pages/MyBookingsPage.tsx'), 'MyBookingsPage'),
    },
    {
      path: '/instruments/new',
      page: lazyPage(() => import('./pages/InstrumentFormPage.tsx'), 'InstrumentFormPage'),
    },
    {
      path: '/instruments/:id/calendar',
      page: lazyPage(() => import('./pages/CalendarPage.tsx'), 'CalendarPage'),
    },
    {
      path: '/instruments/:id/edit',
      page: lazyPage(() => import('./pages/InstrumentFormPage.tsx'), 'InstrumentFormPage'),
    },
    {
      path: '/instruments/openness',
      page: lazyPage(() => import('./pages/OpennessPage.tsx'), 'OpennessPage'),
    },
    { path: '/instruments/managed', page: lazyPage(() => import('./pages/ManagedPage.tsx'), 'ManagedPage') },
    {
      path: '/instruments/bookings/:id',
      page: lazyPage(() => import('./pages/BookingPage.tsx'), 'BookingPage'),
    },
    {
      path: '/instruments/:id',
      page: lazyPage(() => import('./pages/InstrumentPage.tsx'), 'InstrumentPage'),
    },
  ],
  menu: [
    {
      group: 'funding',
      key: 'instruments',
      label: `${NS}:menu.list`,
      path: '/instruments',
      roles: 'anyone',
      order: 150,
    },
    {
      group: 'funding',
      key: 'instrumentBookings',
      label: `${NS}:menu.bookings`,
      path: '/instruments/bookings',
      roles: 'signedIn',
      order: 160,
    },
    {
      group: 'funding',
      key: 'instrumentsManaged',
      label: `${NS}:menu.managed`,
      path: '/instruments/managed',
      roles: 'signedIn',
      order: 170,
    },
    {
      group: 'funding',
      key: 'instrumentsOpenness',
      label: `${NS}:openness.menu`,
      path: '/instruments/openness',
      roles: ['admin'],
      order: 180,
    },
  ],
});
