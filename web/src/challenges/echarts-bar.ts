// The slice of ECharts the intake chart uses, imported by name so the bundler keeps only that;
// IntakeChart loads this module with a dynamic import, so it is a chunk of its own.
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, CanvasRenderer]);

export { init };
