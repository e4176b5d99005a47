// Notifications (inbox): routes and menu entries of this feature go here.
import { defineFeature } from '../../lib/feature.tsx';

export default defineFeature({ routes: [] });
