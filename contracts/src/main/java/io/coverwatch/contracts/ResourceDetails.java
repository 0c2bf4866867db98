package io.coverwatch.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Kind-specific state of a resource. A {@code kind} this version does not know reads as {@link GenericDetails}:
 * an older consumer then treats the resource as one without a model (a blind spot), never as an error.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind", defaultImpl = GenericDetails.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = SubscriptionDetails.class, name = "subscription"),
    @JsonSubTypes.Type(value = VirtualMachineDetails.class, name = "virtualMachine"),
    @JsonSubTypes.Type(value = ArcMachineDetails.class, name = "arcMachine"),
    @JsonSubTypes.Type(value = AzureLocalInstanceDetails.class, name = "azureLocalInstance"),
    @JsonSubTypes.Type(value = DataCollectionRuleDetails.class, name = "dataCollectionRule"),
    @JsonSubTypes.Type(value = GenericDetails.class, name = "generic")
})
@Schema(
        description = "Kind-specific state of a resource, told apart by kind: subscription, virtualMachine, arcMachine,"
                + " azureLocalInstance, dataCollectionRule or generic (a kind without a model).")
public sealed interface ResourceDetails
        permits SubscriptionDetails,
                VirtualMachineDetails,
                ArcMachineDetails,
                AzureLocalInstanceDetails,
                DataCollectionRuleDetails,
                GenericDetails {

    /** The data collection rules associated with the resource; only machines have any. */
    default List<String> dataCollectionRuleIds() {
        return List.of();
    }
}
