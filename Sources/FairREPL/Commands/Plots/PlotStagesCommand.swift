import FairCore
import FairPlot

extension CommandSpec {
    /// `plot stages`: the unfairness left after each stage of a repair over several attributes.
    static let plotStages = CommandSpec(
        "plot stages", group: .plots, summary: "KS per attribute and per cell before the repair and after each of its stages",
        discussion: """
            For a repair over several attributes: x is the stage (0 before the repair, then one step per stage: \
            one for an intersectional repair, one per attribute for a sequential one), y the largest KS between \
            the values of each attribute, and between the cells (*: the intersections A × B). The distance a curve falls at a stage is \
            the unfairness that stage removed; the legend gives each curve's noise floor after the last stage.
            """,
        options: [
            CheckOptions.task,
            CheckOptions.repaired
        ],
        examples: ["plot stages", "plot stages --task is_recid"],
        prerequisites: [.repaired],
        lesson: "Lessons/15-several-attributes.md"
    ) { context in
        let (name, repaired) = try CheckSupport.repaired(
            named: context.invocation[CheckOptions.repaired], in: context.workspace)
        guard let stages = repaired.attributeStages else {
            throw CommandError.failed(message: "\(name) was repaired over one group column: 'plot stages' is for a repair over several attributes (fit barycenter --group A,B --mode …)")
        }
        let task =
            try context.invocation[CheckOptions.task].map { try repaired.task(named: $0) }
            ?? repaired.tasks[0]
        let states = AttributeReport.states(task, stages)
        var inputs: [TradeoffChart.Input] = []
        for view in try AttributeReport.views(stages) {
            var ks: [Double] = []
            var floor = 0.0
            for state in states {
                let m = try AttributeReport.measure(state.values, view.column)
                ks.append(m?.ks ?? 0)
                floor = m?.floor ?? 0
            }
            inputs.append(TradeoffChart.Input(
                name: view.name, unfairness: states.indices.map(Double.init), risk: ks,
                stats: [LegendStat("floor", context.format(floor))], glyph: view.key == "cells" ? "*" : nil))
        }
        let panel = try TradeoffChart.panel(
            title: "unfairness of \(task.name) by stage — \(name)",
            annotation: states.map(\.label).joined(separator: "; "),
            series: inputs, xLabel: "stage", yLabel: "KS", xRange: 0...Double(max(1, states.count - 1)))
        context.print(figure: Figure(panels: [panel], layout: .stacked))
    }
}
