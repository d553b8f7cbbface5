package io.authbridge.it.harness;

import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The admin console's <em>Authentication</em> section: flows created or duplicated, steps added by their console
 * names, requirements, step settings and bindings, each step confirmed by Keycloak's own alert. Steps and sub-flows
 * are found by the names the flow table shows.
 */
public final class FlowEditor {

    private static final Pattern REQUIREMENT = Pattern.compile("^(Disabled|Required|Alternative|Conditional)$");

    private final AdminConsole console;
    private final Page page;

    FlowEditor(AdminConsole console) {
        this.console = console;
        this.page = console.page();
    }

    /** <em>Authentication → Create flow</em>, a basic flow; stays on the new, empty flow. */
    public FlowEditor create(String alias) {
        page.getByTestId("nav-item-authentication").click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create flow").setExact(true)).click();
        page.getByTestId("alias").fill(alias);
        page.getByTestId("create").click();
        console.awaitAlert("Flow created");
        return this;
    }

    /** <em>Authentication → the flow's ⋮ → Duplicate</em>; stays on the copy. */
    public FlowEditor duplicate(String flow, String alias) {
        page.getByTestId("nav-item-authentication").click();
        page.getByRole(AriaRole.ROW)
                .filter(new Locator.FilterOptions().setHas(page.getByRole(AriaRole.LINK,
                        new Page.GetByRoleOptions().setName(flow).setExact(true))))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Kebab toggle")).click();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Duplicate").setExact(true)).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.locator("#alias").fill(alias);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Duplicate").setExact(true)).click();
        console.awaitAlert("Flow successfully duplicated");
        return this;
    }

    /** <em>Add execution</em> at the top level of the flow: the step chosen by its console name. */
    public FlowEditor addExecution(String step) {
        console.button("Add execution").click();
        return pick(step);
    }

    /** The sub-flow's <em>+ → Add execution</em>. */
    public FlowEditor addExecution(String subFlow, String step) {
        row(subFlow).getByTestId(subFlow + "-edit-dropdown").click();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Add execution").setExact(true)).click();
        return pick(step);
    }

    /** <em>Add sub-flow</em> at the top level, a generic one. */
    public FlowEditor addSubFlow(String name) {
        console.button("Add sub-flow").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.locator("#name").fill(name);
        dialog.getByTestId("modal-add").click();
        console.awaitAlert("Flow successfully updated");
        return this;
    }

    /** The step's (or sub-flow's) <em>Requirement</em>: Required, Alternative, Conditional or Disabled. */
    public FlowEditor requirement(String step, String requirement) {
        row(step).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(REQUIREMENT)).click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(requirement).setExact(true)).click();
        console.awaitAlert("Flow successfully updated");
        return this;
    }

    /**
     * The step's <em>⚙ Settings</em>: an alias and the given settings by their labels (text fields), saved. With
     * {@code screenshot} set, the filled-in dialog is saved under that name first.
     */
    public FlowEditor configure(String step, String alias, Map<String, String> settings, String screenshot) {
        row(step).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Settings").setExact(true)).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByTestId("alias").fill(alias);
        settings.forEach((label, value) -> dialog.getByLabel(label, new Locator.GetByLabelOptions().setExact(true)).fill(value));
        if (screenshot != null) {
            console.screenshot(screenshot);
        }
        dialog.getByTestId("save").click();
        console.awaitAlert("Successfully saved the config");
        return this;
    }

    /** <em>Action → Bind flow</em> with a binding type as the console names it, e.g. "Direct grant flow". */
    public FlowEditor bind(String bindingType) {
        page.getByTestId("action-dropdown").click();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Bind flow").setExact(true)).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.locator("#chooseBindingType").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(bindingType).setExact(true)).click();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
        console.awaitAlert("Flow successfully updated");
        return this;
    }

    /** The flow table's row of a step or sub-flow, by the name it shows. */
    public Locator row(String step) {
        return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHas(page.getByTestId(step)));
    }

    private FlowEditor pick(String step) {
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByPlaceholder("Search").fill(step);
        dialog.getByPlaceholder("Search").press("Enter");
        dialog.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName(step).setExact(true)).check();
        dialog.getByTestId("modal-add").click();
        console.awaitAlert("Flow successfully updated");
        return this;
    }
}
