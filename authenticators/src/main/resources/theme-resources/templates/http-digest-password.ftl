<#-- AuthBridge: the user chooses the password for HTTP Digest logins (required action http-digest-password).
     Plain markup with the theme's own classes, so that it renders in the keycloak and keycloak.v2 login themes. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('digest-password','digest-password-confirm'); section>
    <#if section = "header">
        ${msg("authbridgeDigestPasswordTitle")}
    <#elseif section = "form">
        <p id="authbridge-digest-password-help">${msg("authbridgeDigestPasswordHelp")}</p>
        <form id="authbridge-digest-password-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <#list {"digest-password": "authbridgeDigestPassword", "digest-password-confirm": "authbridgeDigestPasswordConfirm"} as field, label>
                <div class="${properties.kcFormGroupClass!}">
                    <label for="${field}" class="${properties.kcLabelClass!} ${properties.kcFormLabelClass!}">${msg(label)}</label>
                    <span class="${properties.kcInputClass!}">
                        <input type="password" id="${field}" name="${field}" autocomplete="new-password" <#if field?is_first>autofocus</#if>
                               aria-invalid="<#if messagesPerField.existsError(field)>true</#if>"/>
                    </span>
                    <#if messagesPerField.existsError(field)>
                        <#-- The helper-text wrappers are keycloak.v2's (its field.ftl); keycloak's own theme defines only the last class. -->
                        <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                            <div class="${properties.kcInputHelperTextClass!}">
                                <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}">
                                    <span id="input-error-${field}" class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get(field))?no_esc}</span>
                                </div>
                            </div>
                        </div>
                    </#if>
                </div>
            </#list>
            <div id="kc-form-buttons" class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}" id="kc-submit" type="submit" value="${msg("doSubmit")}"/>
                <#if isAppInitiatedAction??>
                    <button class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}" type="submit" name="cancel-aia" value="true">${msg("doCancel")}</button>
                </#if>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
